import { readFile } from 'node:fs/promises';
import { SCHEMA_OF_KIND, WorkloadConfigSchema } from '@autoslo/config';
import { CONFIG_DOCS_FILE, configDocsText } from '../src/config-docs-text.js';
import { noteKey } from '../src/render-config-docs.js';
import { formatDefault, type SchemaNode, schemaFields } from '../src/schema-fields.js';

const node = (schema: unknown) => schema as SchemaNode;

describe('schemaFields', () => {
  it('lists workload_config field by field with type, default and constraints', () => {
    const rows = schemaFields(node(WorkloadConfigSchema)).map(
      ({ path, type, required, defaultText, allowed }) => ({
        path,
        type,
        required,
        defaultText,
        allowed,
      }),
    );
    expect(rows).toEqual([
      {
        path: 'workload_name',
        type: 'string',
        required: true,
        defaultText: null,
        allowed: 'non-empty',
      },
      {
        path: 'workload_dir',
        type: 'string \\| null',
        required: false,
        defaultText: 'null',
        allowed: '',
      },
      {
        path: 'target_date',
        type: 'string \\| null',
        required: false,
        defaultText: 'null',
        allowed: 'a date as YYYY-MM-DD; a real calendar date',
      },
      { path: 'rescale_factor', type: 'number', required: false, defaultText: '1', allowed: '> 0' },
    ]);
  });

  it('walks into sections, list items and mapping values of every file kind', () => {
    const exec = schemaFields(node(SCHEMA_OF_KIND['execution-config'])).map((r) => r.path);
    expect(exec.filter((p) => !/[.[]/.test(p))).toEqual([
      'workload_config',
      'slo_resolver_config',
      'slo_objective_config',
      'provisioner_config',
      'workload_runner_config',
      'managed_cluster_pool_config',
      'scheduled_spinups',
      'query_router_config',
      'autoscaler_config',
      'latency_model_config',
    ]);
    expect(exec).toContain('scheduled_spinups[].rpu');
    expect(exec).toContain('autoscaler_config.trigger_slo_objective_config.slo_threshold');
    const tuning = schemaFields(node(SCHEMA_OF_KIND['tuning-manifest'])).map((r) => r.path);
    expect(tuning).toContain('main_content.<name>.configs.tuner_config');
    // Both shapes of a plotting manifest's main_content.
    const plotting = schemaFields(node(SCHEMA_OF_KIND['plotting-manifest'])).map((r) => r.path);
    expect(plotting).toContain('main_content.points[].formatting_id');
    expect(plotting).toContain('main_content.panels[].points[].formatting_id');
    expect(plotting).toContain('main_content.layout.figsize');
  });

  it('formats defaults as YAML flow text', () => {
    expect(formatDefault([[16], [8], [32]])).toBe('[[16], [8], [32]]');
    expect(formatDefault({ params: {} })).toBe('{params: {}}');
    expect(formatDefault('')).toBe('""');
    expect(formatDefault(null)).toBe('null');
  });

  it('keys notes by the field and its nearest named parent', () => {
    expect(noteKey('main_content.panels[].points[].label')).toBe('points.label');
    expect(noteKey('main_content.<name>.configs.tuner_config')).toBe('configs.tuner_config');
    expect(noteKey('run_id')).toBe('run_id');
  });
});

describe('docs/configuration.md', () => {
  const text = configDocsText();

  it('is up to date with the schemas (regenerate with pnpm docs:config)', async () => {
    expect(await readFile(CONFIG_DOCS_FILE, 'utf8')).toBe(text);
  });

  it('lists every field of every kind with a type, a default and a description', () => {
    for (const schema of Object.values(SCHEMA_OF_KIND)) {
      for (const row of schemaFields(node(schema))) {
        const leaf = row.path.split('.').at(-1) as string;
        expect(text).toContain(`${leaf}\``);
      }
    }
    const tableRows = text.split('\n').filter((l) => l.startsWith('| `'));
    const undescribed = tableRows.filter((l) => /\| *\|$/.test(l));
    expect(undescribed).toEqual([]);
    for (const row of tableRows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });
});
