/* The recorded gateway exchanges (tests/fixtures/*.json, written by
 * scripts/record_chat_fixtures.py and validated against docs/chat-api.openapi.json by
 * tests/bot/test_chat_contract.py). */
'use strict';

const fs = require('fs');
const path = require('path');

const DIR = path.join(__dirname, '..', 'fixtures');

function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(DIR, name + '.json'), 'utf8'));
}

/* The exchanges of one or more fixtures, in order. */
function exchanges(...names) {
  return names.flatMap((n) => fixture(n).exchanges);
}

module.exports = { fixture, exchanges };
