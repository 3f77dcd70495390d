// Evaluates flags through @openfeature/server-sdk and @openfeature/ofrep-provider against a FailSmart
// server, and prints what the SDK resolved as JSON. Packages come from NODE_PATH (the pinned peers).
// Usage: FAILSMART_URL=http://127.0.0.1:5080 FAILSMART_KEY=fs_server_… node server-sdk.cjs
const { OpenFeature } = require('@openfeature/server-sdk');
const { OFREPProvider } = require('@openfeature/ofrep-provider');

const details = (d) => ({
  value: d.value,
  reason: d.reason,
  variant: d.variant ?? null,
  errorCode: d.errorCode ?? null,
  errorMessage: d.errorMessage ?? null,
  flagMetadata: d.flagMetadata ?? {},
});

async function main() {
  const provider = new OFREPProvider({
    baseUrl: process.env.FAILSMART_URL,
    headers: [['Authorization', `Bearer ${process.env.FAILSMART_KEY}`]],
  });
  await OpenFeature.setProviderAndWait(provider);
  const client = OpenFeature.getClient();
  const staff = { targetingKey: 'u-1', email: 'ana@failsmart.dev' };
  const sweden = { targetingKey: 'u-2', country: 'SE' };
  const results = {
    booleanStaff: details(await client.getBooleanDetails('new-checkout', false, staff)),
    booleanDefault: details(await client.getBooleanDetails('new-checkout', true, { targetingKey: 'u-3', country: 'NO', appVersion: '1.0.0' })),
    string: details(await client.getStringDetails('banner-text', 'none', sweden)),
    number: details(await client.getNumberDetails('cart-limit', -1, sweden)),
    numberDefault: details(await client.getNumberDetails('cart-limit', -1, { targetingKey: 'u-4', country: 'US' })),
    object: details(await client.getObjectDetails('theme', {}, sweden)),
    disabled: details(await client.getStringDetails('retired-banner', 'fallback', sweden)),
    notFound: details(await client.getBooleanDetails('no-such-flag', true, sweden)),
    typeMismatch: details(await client.getNumberDetails('new-checkout', 7, staff)),
  };
  process.stdout.write(JSON.stringify(results));
  await OpenFeature.close();
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
