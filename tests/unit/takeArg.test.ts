import { expect, test } from 'vitest';
import { takeArg } from '../../src/cli/takeArg.ts';

test('takes --name value and --name=value out of the arguments, the last one winning, and leaves the rest in order', () => {
  expect(takeArg(['--content', '本支部', '--port', '4000'], '--content')).toEqual({ value: '本支部', rest: ['--port', '4000'] });
  expect(takeArg(['--content=某 支部', 'x'], '--content')).toEqual({ value: '某 支部', rest: ['x'] });
  expect(takeArg(['--content', 'a', '--content', 'b'], '--content').value).toBe('b');
  expect(takeArg(['--contents', 'a'], '--content')).toEqual({ value: undefined, rest: ['--contents', 'a'] });
});
