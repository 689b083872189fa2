import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportedLocales } from '#src/config/locales.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const LOCALES_DIR = path.join(ROOT, 'locales');
const KEY_LITERAL = /['"`]([a-z][a-z0-9]*(?:-[a-z0-9]+)+)['"`]/g;

function ftlFiles(locale: string): string[] {
  return readdirSync(path.join(LOCALES_DIR, locale))
    .filter((name) => name.endsWith('.ftl'))
    .sort();
}

function keysOf(locale: string, file: string): string[] {
  const source = readFileSync(path.join(LOCALES_DIR, locale, file), 'utf8');
  return [...source.matchAll(/^([a-z][\w-]*) =/gm)].map((match) => match[1]!).sort();
}

function allKeys(locale: string): Set<string> {
  return new Set(ftlFiles(locale).flatMap((file) => keysOf(locale, file)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'sandbox' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('L1 every string in both languages', () => {
  const [first = 'uk', ...others] = supportedLocales;

  it('has the same files and keys in every locale', () => {
    for (const locale of others) {
      expect(ftlFiles(locale)).toEqual(ftlFiles(first));
      for (const file of ftlFiles(first))
        expect(keysOf(locale, file), `${locale}/${file}`).toEqual(keysOf(first, file));
    }
  });

  it('defines every key the code names', () => {
    const defined = allKeys(first);
    const families = new Set([...defined].map((key) => key.split('-')[0]));
    const missing = sourceFiles(path.join(ROOT, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(KEY_LITERAL)]
        .map((match) => match[1]!)
        .filter((key) => families.has(key.split('-')[0]!) && !defined.has(key))
        .map((key) => `${path.relative(ROOT, file)}: ${key}`),
    );
    expect(defined.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
