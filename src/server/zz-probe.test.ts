import { test } from 'vitest';
import { LUMEN, NORTHWIND, startTestStack } from './test-stack';

test('probe', async () => {
  const s = await startTestStack();
  try {
    for (const p of [
      '/api/health',
      '/api/accounts',
      `/api/${NORTHWIND}/insights?metric=reach,profile_views&period=day`,
      `/api/${NORTHWIND}/insights?metric=reach&period=day`,
      `/api/${NORTHWIND}/insights?metric=impressions&period=day`,
      `/api/${NORTHWIND}/media?limit=3`,
    ]) {
      const r = await s.counting(() => s.get(p));
      console.log(p, r.calls, r.result.status, JSON.stringify(r.result.body).slice(0, 1500));
    }
    const m = await s.get(`/api/${NORTHWIND}/media?limit=3`);
    const id = m.body.data[0].id;
    const r = await s.counting(() =>
      s.get(`/api/${id}/insights?metric=reach,total_interactions,views`),
    );
    console.log(r.calls, r.result.status, JSON.stringify(r.result.body));
    console.log(s.logs.join('\n'));
  } finally {
    await s.close();
  }
});
