/**
 * The value of `--name X` or `--name=X` among command-line arguments, and the arguments without it. `missing`: the
 * flag was given without a value (last on the line, followed by another flag, or `--name=`), which a command must
 * refuse rather than fall back to its default (the sample's content, say).
 * @example takeArg(['--content', '本支部', '--port', '4000'], '--content') // { value: '本支部', missing: false, rest: ['--port', '4000'] }
 */
export function takeArg(args: readonly string[], name: string): { value?: string; missing: boolean; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  let missing = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) missing = true;
      else value = args[++i];
    } else if (args[i].startsWith(`${name}=`)) {
      value = args[i].slice(name.length + 1);
      missing = value === '';
    } else rest.push(args[i]);
  }
  return { value: value || undefined, missing, rest };
}
