/*
 * vigil.c - the `vigil` command: entry point and the small subcommands
 * (check, version, help). `replay` lives in replay.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: vigil <command> [options]\n"
          "\n"
          "commands:\n"
          "  check [POLICY|-]     validate a policy (no argument: the embedded "
          "default);\n"
          "                       errors are printed as FILE:LINE:COL: error at "
          "PATH: MESSAGE\n"
          "  replay [--policy P] [--monitor-summary] [--quiet] [FILE|-]\n"
          "                       run recorded exchanges (JSON lines or HAR "
          "1.2) through\n"
          "                       the engine; one JSON decision per exchange on "
          "stdout,\n"
          "                       a summary on stderr\n"
          "  default-policy       print the embedded default policy\n"
          "  version              print the library version\n"
          "  help                 this text (also --help)\n"
          "\n"
          "exit status: 0 ok, 1 invalid policy (check), 2 usage or load "
          "error\n",
          out);
}

int cli_cmd_check(int argc, char **argv)
{
    if (argc > 2) {
        fputs("usage: vigil check [POLICY|-]\n", stderr);
        return CLI_EXIT_USAGE;
    }
    const char *path = argc == 2 ? argv[1] : NULL;
    if (path && (strcmp(path, "--help") == 0 || strcmp(path, "-h") == 0)) {
        fputs("usage: vigil check [POLICY|-]\n"
              "  Validates a policy file ('-' reads stdin; no argument checks "
              "the embedded\n"
              "  default). Prints \"POLICY: ok\" or \"POLICY:LINE:COL: error at "
              "PATH: MESSAGE\".\n",
              stdout);
        return CLI_EXIT_OK;
    }
    const char *name = !path ? "(default policy)"
                       : strcmp(path, "-") == 0 ? "<stdin>" : path;
    char *text = NULL;
    size_t len = 0;
    if (path) {
        char why[128];
        if (cli_read_file(path, &text, &len, why, sizeof why) != 0) {
            fprintf(stderr, "%s: error: cannot read: %s\n", name, why);
            return CLI_EXIT_FAIL;
        }
    } else {
        const char *def = vigil_default_policy();
        len = strlen(def);
        text = cli_xmalloc(len + 1);
        memcpy(text, def, len + 1);
    }
    vigil_error err = VIGIL_ERROR_INIT;
    int rc = vigil_policy_check(text, len, &err);
    free(text);
    if (rc != VIGIL_OK) {
        cli_print_policy_error(name, rc, &err);
        return CLI_EXIT_FAIL;
    }
    fprintf(stderr, "%s: ok\n", name);
    return CLI_EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "check") == 0)
        return cli_cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "replay") == 0)
        return cli_cmd_replay(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("vigil %s (library %s)\n", VIGIL_VERSION_STRING, vigil_version());
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "default-policy") == 0) {
        fputs(vigil_default_policy(), stdout);
        fputc('\n', stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    fprintf(stderr, "vigil: unknown command '%s'\n", cmd);
    usage(stderr);
    return CLI_EXIT_USAGE;
}
