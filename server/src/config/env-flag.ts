/** A true/false setting: true or 1, false or 0; unset is the fallback, anything else a problem named after the setting. */
export function flag(env: Record<string, string | undefined>, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name}: "${raw}" is neither true nor false`);
  return fallback;
}
