import { expect, test } from 'vitest';
import { takeArg } from '../../src/cli/takeArg.ts';

test('takes --name value and --name=value out of the arguments, the last one winning, and leaves the rest in order', () => {
  expect(takeArg(['--content', '本支部', '--port', '4000'], '--content')).toEqual({
    value: '本支部',
    missing: false,
    rest: ['--port', '4000'],
  });
  expect(takeArg(['--content=某 支部', 'x'], '--content')).toEqual({ value: '某 支部', missing: false, rest: ['x'] });
  expect(takeArg(['--content', 'a', '--content', 'b'], '--content').value).toBe('b');
  expect(takeArg(['--contents', 'a'], '--content')).toEqual({ value: undefined, missing: false, rest: ['--contents', 'a'] });
});

test('a flag without its value is said to be missing, never taken as the default', () => {
  expect(takeArg(['--content'], '--content')).toEqual({ value: undefined, missing: true, rest: [] });
  expect(takeArg(['--content', '--cms-backend', 'none'], '--content')).toEqual({
    value: undefined,
    missing: true,
    rest: ['--cms-backend', 'none'],
  });
  expect(takeArg(['--content='], '--content')).toEqual({ value: undefined, missing: true, rest: [] });
});
