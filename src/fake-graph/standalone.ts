import { fakeGraphEnv, fakeGraphOptionsFromEnv, fakeGraphWebhookFromEnv } from './fake-graph-env';
import { startFakeGraphServer } from './fake-graph-server';

/** `npm run fake-graph`: the fake Graph API on its own, for tools and manual checks. */
try {
  const env = fakeGraphEnv(process.env);
  const webhook = fakeGraphWebhookFromEnv(env);
  const server = await startFakeGraphServer({
    ...fakeGraphOptionsFromEnv(env),
    ...(webhook ? { webhook } : {}),
    port: env.FAKE_GRAPH_PORT,
    host: env.FAKE_GRAPH_HOST,
  });
  const tokenUrl = env.FAKE_GRAPH_LOGIN === 'instagram' ? server.instagramUrl : server.url;
  console.log(
    `Fake Graph API listening on ${server.url}, graph.instagram.com on ${server.instagramUrl} (FAKE_GRAPH_TOKEN works on ${tokenUrl}; stats at ${server.url}/__stats)`,
  );
  if (webhook) console.log(`Sending signed story_insights notifications to ${webhook.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
