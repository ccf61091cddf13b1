import { describe, expect, test } from 'vitest';
import { normalUrlPath } from '../../src/cms/normalUrlPath.ts';

describe('normalUrlPath', () => {
  test.each([
    ['/./public/uploads/x.svg', '/public/uploads/x.svg'],
    ['/.//public/uploads/x.svg', '/public/uploads/x.svg'],
    ['/x/../public/uploads/x.svg', '/public/uploads/x.svg'],
    ['/x/%2e%2e/public/uploads/x.svg?raw', '/public/uploads/x.svg'],
    ['/%2e/public/uploads/x.svg#a', '/public/uploads/x.svg'],
    ['/.\\public/uploads/x.svg', '/public/uploads/x.svg'],
    ['/../../.lan/users', '/.lan/users'],
    ['//uploads/a.png', '/uploads/a.png'],
    ['/admin/', '/admin/'],
  ])('%s is checked as %s', (url, path) => {
    expect(normalUrlPath(url)).toBe(path);
  });

  test('a path that cannot be decoded is undefined', () => {
    expect(normalUrlPath('/%E4%B8')).toBeUndefined();
  });
});
