import { createServer } from 'node:net';
import { runCli } from './run-cli.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function call(endpoint: string, target: string, body: object) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function waitForEnd(endpoint: string, id: unknown) {
  for (;;) {
    const d = await call(endpoint, 'RedshiftData.DescribeStatement', { Id: id });
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(String(d.Status))) return d;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('autoslo local-redshift', () => {
  it('serves the Data API on the given port with the given workgroup and faults', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const cli = runCli([
      'local-redshift',
      '--port',
      String(port),
      '--workgroup',
      'wg1:16',
      '--fail-pattern',
      'boom',
      '--duration-s',
      '60',
      '--json',
    ]);
    // Wait until it listens.
    let workgroup: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      try {
        workgroup = await call(endpoint, 'RedshiftServerless.GetWorkgroup', {
          workgroupName: 'wg1',
        });
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(workgroup.workgroup).toMatchObject({ status: 'AVAILABLE', baseCapacity: 16 });
    const ok = await call(endpoint, 'RedshiftData.ExecuteStatement', {
      WorkgroupName: 'wg1',
      Database: 'scratch',
      Sql: 'SELECT 1',
    });
    expect((await waitForEnd(endpoint, ok.Id)).Status).toBe('FINISHED');
    const failing = await call(endpoint, 'RedshiftData.ExecuteStatement', {
      WorkgroupName: 'wg1',
      Database: 'scratch',
      Sql: "SELECT 'boom'",
    });
    expect(await waitForEnd(endpoint, failing.Id)).toMatchObject({
      Status: 'FAILED',
      Error: 'injected failure',
    });
    // Ctrl-C: the command stops serving and exits 0 (--duration-s is only a safety net here).
    process.emit('SIGINT', 'SIGINT');
    const { code, stdout } = await cli;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ endpoint, port, workgroups: ['wg1'] });
  });

  it.each([
    [['--host', '0.0.0.0'], /loopback only/],
    [['--port', 'eighty'], /--port must be a number/],
    [['--throttle-rate', '2'], /--throttle-rate must be a number from 0 to 1/],
    [['--fail-pattern', '('], /not a valid regular expression/],
    [['--workgroup', 'wg:big'], /--workgroup takes NAME or NAME:RPU/],
  ])('refuses %j with exit 2', async (flags, message) => {
    const { code, stderr } = await runCli(['local-redshift', ...flags, '--duration-s', '0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
