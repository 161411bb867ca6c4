#!/usr/bin/env node
// Lints BPMN files with bpmnlint and the rules in .bpmnlintrc beside this script, and prints
// one JSON object on stdout:
//   { "files": [ { "file", "errors": [..], "warnings": [..], "parseMs", "lintMs" } ], "totalMs" }
// Each report is { "rule", "id", "message" }. XML import warnings count as errors, as in
// the bpmnlint command line. Exit status: 0 when every file has no errors, 1 otherwise,
// 2 on bad usage. Used by tests/bpmn.rs and crates/handoff-bpmn/benches/bpmnlint.sh.
'use strict';

const fs = require('fs');
const path = require('path');
const { BpmnModdle } = require('bpmn-moddle');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

async function lintFile(file, config, moddle) {
  // A fresh linter per file: rules such as no-duplicate-sequence-flows keep state.
  const linter = new Linter({ config, resolver: new NodeResolver() });
  const started = process.hrtime.bigint();
  const xml = fs.readFileSync(file, 'utf-8');
  const errors = [];
  const warnings = [];
  let root;
  try {
    const parsed = await moddle.fromXML(xml);
    root = parsed.rootElement;
    for (const w of parsed.warnings || []) {
      errors.push({
        rule: 'import',
        id: (w.element && w.element.id) || '',
        message: String(w.message).split('\n')[0],
      });
    }
  } catch (e) {
    errors.push({ rule: 'parse', id: '', message: String(e.message) });
  }
  const parsedAt = process.hrtime.bigint();
  if (root) {
    const results = await linter.lint(root);
    for (const [rule, reports] of Object.entries(results)) {
      for (const r of reports) {
        const entry = { rule: r.name || rule, id: r.id || '', message: r.message };
        (r.category === 'error' ? errors : warnings).push(entry);
      }
    }
  }
  const done = process.hrtime.bigint();
  return {
    file,
    errors,
    warnings,
    parseMs: Number(parsedAt - started) / 1e6,
    lintMs: Number(done - parsedAt) / 1e6,
  };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node lint.js FILE.bpmn...');
    process.exit(2);
  }
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, '.bpmnlintrc'), 'utf-8'));
  const moddle = new BpmnModdle();
  const started = process.hrtime.bigint();
  const out = [];
  for (const f of files) {
    out.push(await lintFile(f, config, moddle));
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ files: out, totalMs }, null, 1) + '\n');
  process.exit(out.some((f) => f.errors.length > 0) ? 1 : 0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(2);
});
