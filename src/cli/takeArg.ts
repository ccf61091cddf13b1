/**
 * The value of `--name X` or `--name=X` among command-line arguments, and the arguments without it.
 * @example takeArg(['--content', '本支部', '--port', '4000'], '--content') // { value: '本支部', rest: ['--port', '4000'] }
 */
export function takeArg(args: readonly string[], name: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) value = args[++i];
    else if (args[i].startsWith(`${name}=`)) value = args[i].slice(name.length + 1);
    else rest.push(args[i]);
  }
  return { value, rest };
}
