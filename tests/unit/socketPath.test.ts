/** decap-server's local socket has a form on every platform: a Unix socket in a private folder, a named pipe on Windows. */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { socketPath } from '../../src/cms/startDecapServer.ts';

test('a Unix socket in the private folder, and on Windows a named pipe of a random name', () => {
  expect(socketPath('/tmp/pb-cms-x', 'linux')).toBe(join('/tmp/pb-cms-x', 'api.sock'));
  const pipe = socketPath('C:\\Temp\\pb-cms-x', 'win32');
  expect(pipe).toMatch(/^\\\\\.\\pipe\\pb-cms-[0-9a-f-]{36}$/);
  expect(socketPath('C:\\Temp\\pb-cms-x', 'win32')).not.toBe(pipe);
});
