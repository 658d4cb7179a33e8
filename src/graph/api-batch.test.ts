import { describe, expect, it } from 'vitest';
import { batchPathProblem } from './api-batch';

describe('batchPathProblem', () => {
  it('takes the dashboard’s own GETs, whatever their query', () => {
    for (const path of [
      '/api/accounts',
      '/api/health',
      '/api/17841405822304914',
      '/api/17841405822304914?fields=id,username',
      '/api/17841405822304914/insights?metric=reach,views&period=day&since=2026-01-01&until=2026-01-31',
      '/api/17841405822304914/stored/follower_count?since=2026-01-01',
      '/api/17841405822304914/media?fields=children{id,media_url}&after=QVFIUm..%3D%3D',
      '/api/shares/audit',
    ])
      expect(batchPathProblem(path), path).toBeUndefined();
  });

  it('refuses anything a URL parser would resolve elsewhere, other origins and other prefixes', () => {
    for (const path of [
      '',
      'api/accounts',
      '/accounts',
      '/auth/session',
      '/api',
      'https://evil.example/api/accounts',
      '//evil.example/api/accounts',
      '/api/../auth/session',
      '/api/1/../2',
      '/api/./accounts',
      '/api/%2e%2e/auth/session',
      '/api/1%2F..%2F2',
      '/api/1/..%2f2',
      '/api//1',
      '/api/1/',
      '/api/',
      '/api\\..\\auth',
      '/api/1?x=\\',
      '/api/1#frag',
      '/api/1 2',
    ])
      expect(batchPathProblem(path), path).toMatch(/^not /);
  });

  it('refuses a batch in a batch, and pictures (not JSON)', () => {
    expect(batchPathProblem('/api/batch?path=/api/health')).toMatch(/^a batch itself/);
    expect(batchPathProblem('/api/batch/x')).toMatch(/^a batch itself/);
    expect(batchPathProblem('/api/123/picture')).toMatch(/^a picture/);
    expect(batchPathProblem('/api/123/picture?size=thumbnail')).toMatch(/^a picture/);
  });
});
