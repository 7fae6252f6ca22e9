import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'run-performance-tests.sh');

function runScript(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'sh',
      [SCRIPT, ...args],
      {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('scripts/run-performance-tests.sh', () => {
  it('takes exactly ci, staging or production and says so otherwise (exit 2)', async () => {
    for (const args of [[], ['qa']]) {
      const result = await runScript(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('ci|staging|production');
    }
  });

  it("runs perfgate run with the environment's plan", async () => {
    const result = await runScript(['staging', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'environment staging: load profile moderate (20 users, 50 rps, 5m per script)',
    );
  });

  it('refuses production without confirmation, and passes the confirmation through', async () => {
    const refused = await runScript(['production']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not started without confirmation');
    const planned = await runScript(['production', '--dry-run'], { PERFGATE_CONFIRM_PRODUCTION: '1' });
    expect(planned.stdout).toContain('environment production: load profile stress');
  });
});
