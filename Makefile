# vigil - plain GNU Makefile. CC, CFLAGS, LDFLAGS are yours to set.
#   make            library (shared + static) and the vigil command
#   make check      all tests (unit, vectors, symbols, header, pkg-config example, CLI)
#   make demo       replays the bundled demo traffic and explains the decisions
#   make bench      latency and throughput numbers (docs/benchmarks.md)
#   make install    PREFIX, DESTDIR, LIBDIR, INCLUDEDIR, BINDIR honoured
#   make asan | ubsan | tsan   the tests under a sanitizer

VERSION_MAJOR := $(shell sed -n 's/^\#define VIGIL_VERSION_MAJOR //p' include/vigil.h)
VERSION_MINOR := $(shell sed -n 's/^\#define VIGIL_VERSION_MINOR //p' include/vigil.h)
VERSION_PATCH := $(shell sed -n 's/^\#define VIGIL_VERSION_PATCH //p' include/vigil.h)
VERSION := $(VERSION_MAJOR).$(VERSION_MINOR).$(VERSION_PATCH)

PREFIX ?= /usr/local
EXEC_PREFIX ?= $(PREFIX)
LIBDIR ?= $(EXEC_PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(EXEC_PREFIX)/bin
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR ?=

BUILD ?= build
CFLAGS ?= -O2 -g
CXX ?= c++
PKG_CONFIG ?= pkg-config

WARN := -Wall -Wextra -Wshadow -Wcast-qual -Wstrict-prototypes -Wmissing-prototypes \
        -Wwrite-strings -Wformat=2 -Wundef -Wvla -Wconversion
ifeq ($(WERROR),1)
WARN += -Werror
endif

DEPS_PC := libcjson libsodium libpcre2-8
DEP_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(DEPS_PC) 2>/dev/null)
DEP_LIBS = $(shell $(PKG_CONFIG) --libs $(DEPS_PC) 2>/dev/null) -lpthread -lm
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib $(WARN) $(DEP_CFLAGS) $(CFLAGS)

LIB_SRC := $(sort $(wildcard lib/*.c))
LIB_OBJ := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/default_policy.o
CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_OBJ := $(patsubst cli/%.c,$(BUILD)/cli/%.o,$(CLI_SRC))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
BENCH_SRC := bench/bench_engine.c

SONAME := libvigil.so.$(VERSION_MAJOR)
SHLIB := $(BUILD)/libvigil.so.$(VERSION)
STLIB := $(BUILD)/libvigil.a
CLI := $(BUILD)/vigil

.PHONY: all lib deps install uninstall check test unit symbols headertest example \
        cli-test fuzz-replay vectors demo bench bench-callgrind eval bench-compare asan ubsan tsan fuzz clean
.DELETE_ON_ERROR:

all: lib $(CLI)
lib: $(SHLIB) $(STLIB)

deps:
	@scripts/deps.sh

$(BUILD)/obj $(BUILD)/cli $(BUILD)/tests $(BUILD)/bench:
	@mkdir -p $@

$(BUILD)/default_policy.c: lib/default_policy.json scripts/json2c.sh | $(BUILD)/obj
	scripts/json2c.sh vigil__default_policy_json < $< > $@

$(BUILD)/obj/default_policy.o: $(BUILD)/default_policy.c lib/policy.h
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DVIGIL_BUILDING -c $< -o $@

$(BUILD)/obj/%.o: lib/%.c $(wildcard lib/*.h) include/vigil.h | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DVIGIL_BUILDING -c $< -o $@

$(SHLIB): $(LIB_OBJ) lib/version.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=lib/version.map -o $@ $(LIB_OBJ) $(DEP_LIBS)
	ln -sf libvigil.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libvigil.so

$(STLIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/cli/%.o: cli/%.c $(wildcard cli/*.h) include/vigil.h | $(BUILD)/cli
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(CLI): $(CLI_OBJ) $(STLIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STLIB) $(DEP_LIBS)

# The .pc is written at install time: it records the install directories.
PC_SUBST = sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
               -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|'

# ------------------------------------------------------------------ install
install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(BINDIR)
	install -m 644 include/vigil.h $(DESTDIR)$(INCLUDEDIR)/vigil.h
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libvigil.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvigil.so
	install -m 644 $(STLIB) $(DESTDIR)$(LIBDIR)/
	$(PC_SUBST) pkgconfig/vigil.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/vigil.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/vigil.pc
	install -m 755 $(CLI) $(DESTDIR)$(BINDIR)/vigil

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/vigil.h $(DESTDIR)$(LIBDIR)/libvigil.so* \
	      $(DESTDIR)$(LIBDIR)/libvigil.a $(DESTDIR)$(PKGCONFIGDIR)/vigil.pc $(DESTDIR)$(BINDIR)/vigil

# -------------------------------------------------------------------- tests
$(BUILD)/tests/%: tests/%.c $(STLIB) $(wildcard tests/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -DVIGIL_SOURCE_DIR='"$(CURDIR)"' $< -o $@ \
	    $(STLIB) $(CMOCKA_LIBS) $(DEP_LIBS)

check: deps
	@$(MAKE) -s --no-print-directory all $(TEST_BIN)
	@scripts/run-tests.sh $(BUILD) $(TEST_BIN)

test: check

unit: $(TEST_BIN)
	@for t in $(TEST_BIN); do $$t || exit 1; done

symbols: $(SHLIB)
	@nm -D --defined-only $(SHLIB) | awk '$$3 != "VIGIL_0" {sub(/@.*/, "", $$3); print $$3}' | sort > $(BUILD)/symbols.txt
	@diff -u tests/symbols.txt $(BUILD)/symbols.txt && echo "symbols: exported API matches tests/symbols.txt"

headertest: | $(BUILD)/tests
	$(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -c tests/headertest.c -o $(BUILD)/tests/headertest_c.o
	$(CXX) -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror -Iinclude -c tests/headertest.c -o $(BUILD)/tests/headertest_cxx.o
	@echo "headertest: vigil.h compiles alone as C99 -pedantic and as C++11"

# Installs into a staging prefix and builds examples/c against it through pkg-config.
example: all
	@rm -rf $(BUILD)/stage
	@$(MAKE) --no-print-directory install PREFIX=$(CURDIR)/$(BUILD)/stage >/dev/null
	@for src in examples/c/*.c; do \
	    out=$(BUILD)/stage/$$(basename $$src .c); \
	    PKG_CONFIG_PATH=$(CURDIR)/$(BUILD)/stage/lib/pkgconfig $(CC) $(CFLAGS) $(LDFLAGS) -std=c99 -Wall -Wextra -Werror $$src -o $$out \
	        $$(PKG_CONFIG_PATH=$(CURDIR)/$(BUILD)/stage/lib/pkgconfig $(PKG_CONFIG) --cflags --libs vigil) \
	        -Wl,-rpath,$(CURDIR)/$(BUILD)/stage/lib || exit 1; \
	    $$out || exit 1; \
	done

cli-test: $(CLI)
	@VIGIL_BIN=$(CURDIR)/$(CLI) python3 -m pytest -q tests/cli

# ------------------------------------------------------------------- fuzz
# One target per detector (fuzz_detect.c built per function), plus the
# decoders, the JSON tokenizer, policy compilation and the whole evaluate
# path. `make check` replays the corpus with the standalone driver;
# `make fuzz FUZZ_TARGET=evaluate FUZZ_SECONDS=60` runs libFuzzer (clang).
FUZZ_DETECTORS := sqli xss path cmd ssrf nosql nosql_key ssti log4shell ldap xpath xxe crlf \
                  proto_key redirect java php code rfi session scanner
FUZZ_OTHERS := decode json policy evaluate
FUZZ_BINS := $(patsubst %,$(BUILD)/fuzz/detect_%,$(FUZZ_DETECTORS)) $(patsubst %,$(BUILD)/fuzz/%,$(FUZZ_OTHERS))
FUZZ_TARGET ?= evaluate
FUZZ_SECONDS ?= 60

$(BUILD)/fuzz:
	@mkdir -p $@
$(BUILD)/fuzz/detect_%: fuzz/fuzz_detect.c fuzz/standalone.c $(STLIB) | $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -DDETECT_FN=vigil__detect_$* fuzz/fuzz_detect.c fuzz/standalone.c -o $@ $(STLIB) $(DEP_LIBS)
$(BUILD)/fuzz/%: fuzz/fuzz_%.c fuzz/standalone.c $(STLIB) | $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) $< fuzz/standalone.c -o $@ $(STLIB) $(DEP_LIBS)

fuzz-replay: $(FUZZ_BINS)
	@for d in $(FUZZ_DETECTORS); do $(BUILD)/fuzz/detect_$$d fuzz/corpus/detect || exit 1; done
	@for t in $(FUZZ_OTHERS); do $(BUILD)/fuzz/$$t fuzz/corpus/$$t || exit 1; done

fuzz:
	@scripts/deps.sh extra clang libclang-rt-14-dev
	@mkdir -p build-fuzz/corpus-$(FUZZ_TARGET)
	case $(FUZZ_TARGET) in \
	  detect_*) src="fuzz/fuzz_detect.c -DDETECT_FN=vigil__$(FUZZ_TARGET)"; seeds=fuzz/corpus/detect ;; \
	  *) src=fuzz/fuzz_$(FUZZ_TARGET).c; seeds=fuzz/corpus/$(FUZZ_TARGET) ;; \
	esac; \
	$(MAKE) --no-print-directory BUILD=build-fuzz build-fuzz/default_policy.c >/dev/null; \
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Ilib \
	    $(DEP_CFLAGS) $$src $(LIB_SRC) build-fuzz/default_policy.c -o build-fuzz/$(FUZZ_TARGET) $(DEP_LIBS) && \
	build-fuzz/$(FUZZ_TARGET) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build-fuzz/corpus-$(FUZZ_TARGET) $$seeds

# ------------------------------------------------------------------- demo
demo: deps
	@$(MAKE) --no-print-directory all >/dev/null
	@scripts/demo.sh $(CLI)

# ------------------------------------------------------------------ bench
$(BUILD)/bench/%: bench/%.c $(STLIB) | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) -O2 $< -o $@ $(STLIB) $(DEP_LIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC)) >/dev/null
	@$(BUILD)/bench/bench_engine
	@scripts/bench-replay.sh $(CLI)

bench-callgrind: deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/bench_engine >/dev/null
	@scripts/bench-callgrind.sh $(BUILD)/bench/bench_engine

# -------------------------------------------------------------- sanitizers
asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check
ubsan:
	$(MAKE) BUILD=build-ubsan CFLAGS="-O1 -g -fsanitize=undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=undefined" check
tsan:
	$(MAKE) BUILD=build-tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" check

clean:
	rm -rf $(BUILD) build-asan build-ubsan build-tsan build-fuzz

include eval/Makefile.frag
