#!/usr/bin/env bash
# The BPMN benchmark of issue 5 in one run: import + check of a generated 2,000-task,
# 5-lane BPMN file (criterion), then bpmnlint's recommended rules on the same file.
# Installs bpmnlint from tests/bpmnlint/package-lock.json first if it is missing.
# Usage: crates/handoff-bpmn/benches/bpmnlint.sh [criterion args, e.g. --quick]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
if [ ! -d tests/bpmnlint/node_modules/bpmnlint ]; then
  npm ci --prefix tests/bpmnlint --no-audit --no-fund
fi
cargo bench -p handoff-bpmn --bench import -- "$@"
