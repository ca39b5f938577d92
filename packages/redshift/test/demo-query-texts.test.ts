import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoTemplates } from '../src/local/demo-query-texts.js';

const catalog = join(import.meta.dirname, '..', '..', '..', 'data', 'query_texts', 'tpcds');

describe('the demo query-text catalog', () => {
  it('holds exactly the generated text for templates 001..099', async () => {
    const files = (await readdir(catalog)).filter((f) => f.endsWith('.sql')).sort();
    const templates = demoTemplates();
    expect(files).toEqual(templates.map((t) => `${t.templateId}.sql`));
    expect(files[0]).toBe('001.sql');
    expect(files[98]).toBe('099.sql');
    for (const t of templates) {
      expect(await readFile(join(catalog, `${t.templateId}.sql`), 'utf8')).toBe(`${t.sql}\n`);
    }
  });

  it('varies the cost by template: mostly 10-500 ms, all shapes used', () => {
    const templates = demoTemplates();
    const inRange = templates.filter((t) => t.targetMs >= 10 && t.targetMs <= 500).length;
    expect(inRange).toBeGreaterThanOrEqual(80);
    expect(new Set(templates.map((t) => t.shape)).size).toBe(5);
    const targets = templates.map((t) => t.targetMs);
    expect(Math.min(...targets)).toBeLessThan(20);
    expect(Math.max(...targets)).toBeGreaterThan(500);
  });
});
