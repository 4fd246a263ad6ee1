// The test vectors of data/ (scoring, suggestion, selection and CSV vectors) for the JavaScript tests.
// A reader for the small part of YAML these files use, so the tests need no YAML package: block
// mappings and sequences, flow {…} and […], plain, single-quoted, double-quoted (with JSON's
// escapes) and folded (>-) scalars, comments on their own line. tests/outputs/test_assessment_file.py checks that it reads each file exactly as PyYAML does.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

function scalar(text) {
  if (text === '' || text === '~' || text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+$/.test(text)) return Number(text);
  return text;
}

function flow(text) {
  let at = 0;
  const fail = () => { throw new Error(`cannot read flow value ${JSON.stringify(text)} at ${at}`); };
  const space = () => { while (text[at] === ' ') at += 1; };
  const plain = (stops) => {
    const start = at;
    while (at < text.length && !stops.includes(text[at])) at += 1;
    return text.slice(start, at).trim();
  };
  function value() {
    space();
    const c = text[at];
    if (c === '{' || c === '[') {
      const object = c === '{', close = object ? '}' : ']', out = object ? {} : [];
      at += 1;
      space();
      if (text[at] === close) { at += 1; return out; }
      for (;;) {
        if (object) {
          const key = plain(':');
          at += 1;
          out[key] = value();
        } else out.push(value());
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] === close) { at += 1; return out; } else fail();
      }
    }
    if (c === '"') {
      let close = at + 1;
      while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
      if (close >= text.length) fail();
      const found = JSON.parse(text.slice(at, close + 1));
      at = close + 1;
      return found;
    }
    if (c === "'") {
      let out = '';
      at += 1;
      for (;;) {
        if (at >= text.length) fail();
        if (text[at] === "'" && text[at + 1] === "'") { out += "'"; at += 2; } else if (text[at] === "'") { at += 1; return out; } else { out += text[at]; at += 1; }
      }
    }
    return scalar(plain(',]}'));
  }
  const found = value();
  space();
  if (at !== text.length) fail();
  return found;
}

export function parseYaml(source) {
  const lines = source.split(/\r?\n/)
    .map((raw) => ({ indent: raw.search(/\S/), text: raw.trim() }))
    .filter((line) => line.indent >= 0 && !line.text.startsWith('#'));
  let i = 0;
  const isItem = (line) => line && (line.text === '-' || line.text.startsWith('- '));
  const keyOf = (text) => /^([^\s"'{[#][^:]*):(?: +(.*))?$/.exec(text);

  function block(indent) { return isItem(lines[i]) ? sequence(indent) : mapping(indent); }

  function mapping(indent) {
    const out = {};
    while (i < lines.length && lines[i].indent === indent && !isItem(lines[i])) {
      const match = keyOf(lines[i].text);
      if (!match) throw new Error(`cannot read line ${JSON.stringify(lines[i].text)}`);
      i += 1;
      out[match[1].trim()] = value((match[2] || '').trim(), indent);
    }
    return out;
  }

  function sequence(indent) {
    const out = [];
    while (i < lines.length && lines[i].indent === indent && isItem(lines[i])) {
      const rest = lines[i].text.slice(1).trimStart();
      if (keyOf(rest)) {
        // "- key: value" opens a mapping whose keys line up with the first one.
        lines[i] = { indent: indent + lines[i].text.length - rest.length, text: rest };
        out.push(mapping(lines[i].indent));
      } else {
        i += 1;
        out.push(value(rest, indent));
      }
    }
    return out;
  }

  function value(rest, indent) {
    if (/^[>|][-+]?$/.test(rest)) {
      const parts = [];
      while (i < lines.length && lines[i].indent > indent) { parts.push(lines[i].text); i += 1; }
      const text = parts.join(rest[0] === '>' ? ' ' : '\n');
      return rest.endsWith('-') ? text : text + '\n';
    }
    if (/^["'{[]/.test(rest)) return flow(rest);
    if (rest !== '') {
      // A plain scalar; more-indented lines below continue it.
      while (i < lines.length && lines[i].indent > indent) { rest += ' ' + lines[i].text; i += 1; }
      return scalar(rest);
    }
    if (i < lines.length && lines[i].indent > indent) return block(lines[i].indent);
    if (i < lines.length && lines[i].indent === indent && isItem(lines[i])) return sequence(indent);
    return null;
  }

  return block(lines.length ? lines[0].indent : 0);
}

export function readData(name) {
  return parseYaml(readFileSync(DATA + name, 'utf8'));
}

// One list of vectors of a file ("vectors", or another top-level key such as "combinations"); the
// count is checked against the "- id:" lines of that list at its own indentation (an entry may
// hold lists with ids of their own, such as a small model's profiles).
export function readVectors(name, key = 'vectors') {
  const text = readFileSync(DATA + name, 'utf8');
  const vectors = parseYaml(text)[key];
  const section = text.split(/^(?=[^\s#])/m).find((part) => part.startsWith(`${key}:`)) || '';
  const indent = (/^( *)- id:/m.exec(section) || [])[1];
  const expected = section.split('\n').filter((line) => indent !== undefined && line.startsWith(`${indent}- id:`)).length;
  if (!Array.isArray(vectors) || vectors.length !== expected) throw new Error(`${name}: read ${vectors && vectors.length} ${key}, expected ${expected}`);
  return vectors;
}
