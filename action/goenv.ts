// Asks the installed go where its caches live, with the environment later steps will see.
import * as exec from '@actions/exec';

export async function goEnv(goBin: string, names: string[]): Promise<Record<string, string>> {
  const res = await exec.getExecOutput(goBin, ['env', ...names], { silent: true, ignoreReturnCode: true });
  if (res.exitCode !== 0) {
    throw new Error(`${goBin} env ${names.join(' ')} failed (exit ${res.exitCode}): ${res.stderr.trim()}`);
  }
  const lines = res.stdout.split(/\r?\n/);
  const out: Record<string, string> = {};
  names.forEach((n, i) => (out[n] = (lines[i] ?? '').trim()));
  return out;
}
