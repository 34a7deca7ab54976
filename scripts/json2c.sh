#!/bin/sh
# Embeds a JSON file as a C string constant: json2c.sh NAME < in.json > out.c
set -eu
printf '/* generated from lib/default_policy.json by scripts/json2c.sh; do not edit */\n'
printf '#include "policy.h"\n\n'
printf 'const char %s[] =\n' "$1"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/'
printf ';\n'
