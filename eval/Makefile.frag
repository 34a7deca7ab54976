# eval/Makefile.frag - `make eval` and `make bench-compare`.
# Included by the top-level Makefile (after BUILD, STLIB, ALL_CFLAGS, DEP_LIBS
# and the $(BUILD)/bench directory rule are defined). bench/compare.c needs
# libmodsecurity, so the Makefile's generic bench list must leave it out:
#   BENCH_SRC := $(filter-out bench/compare.c,$(sort $(wildcard bench/*.c)))

CORPORA ?= $(abspath $(CURDIR)/../shared/corpora)
CRS_DIR ?= /usr/share/modsecurity-crs
CRS_SETUP ?= /etc/modsecurity/crs/crs-setup.conf
EVAL_ARGS ?=
COMPARE_ARGS ?=
MODSEC_CFLAGS = $(shell $(PKG_CONFIG) --cflags modsecurity 2>/dev/null)
MODSEC_LIBS = $(shell $(PKG_CONFIG) --libs modsecurity 2>/dev/null || echo -lmodsecurity)

$(BUILD)/eval:
	@mkdir -p $@

$(BUILD)/eval/eval: eval/eval.c eval/corpus.c eval/corpus.h $(STLIB) | $(BUILD)/eval
	$(CC) $(ALL_CFLAGS) -Ieval eval/eval.c eval/corpus.c -o $@ $(STLIB) $(DEP_LIBS)

# Detection rates on shared/corpora -> docs/detection.md (EVAL_ARGS=--strict
# makes a failed bar fail the target).
eval: deps
	@test -r "$(CORPORA)/payloads.jsonl" && test -r "$(CORPORA)/crs-regression.jsonl" || \
	    { echo "eval: corpora not found in $(CORPORA) (payloads.jsonl, crs-regression.jsonl);" \
	           "set CORPORA=/path/to/corpora" >&2; exit 1; }
	@$(MAKE) --no-print-directory $(BUILD)/eval/eval >/dev/null
	@$(BUILD)/eval/eval --corpora "$(CORPORA)" --out docs/detection.md $(EVAL_ARGS)

$(BUILD)/bench/compare: bench/compare.c eval/corpus.c eval/corpus.h $(STLIB) | $(BUILD)/bench
	$(CC) $(ALL_CFLAGS) $(MODSEC_CFLAGS) -Ieval bench/compare.c eval/corpus.c -o $@ \
	    $(STLIB) $(MODSEC_LIBS) $(DEP_LIBS)

# vigil next to ModSecurity 3 + OWASP CRS 3.3 (PL1) -> docs/compare.md.
# Installs libmodsecurity-dev and modsecurity-crs when run as root on Debian,
# otherwise names them. COMPARE_ARGS e.g. "--per-class 0" (all payloads),
# "--benign 20000", "--explain 10".
bench-compare: deps
	@scripts/deps.sh extra libmodsecurity-dev modsecurity-crs
	@test -r "$(CORPORA)/payloads.jsonl" || \
	    { echo "bench-compare: $(CORPORA)/payloads.jsonl not found; set CORPORA=/path/to/corpora" >&2; exit 1; }
	@$(MAKE) --no-print-directory $(BUILD)/bench/compare >/dev/null
	@$(BUILD)/bench/compare --corpora "$(CORPORA)" --crs "$(CRS_DIR)" --crs-setup "$(CRS_SETUP)" \
	    --modsec-conf bench/modsec/modsecurity.conf --out docs/compare.md $(COMPARE_ARGS)
