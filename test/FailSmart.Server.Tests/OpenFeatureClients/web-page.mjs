// The page under test: @openfeature/web-sdk with @openfeature/ofrep-web-provider, configured as
// docs/openfeature.md says (no pollInterval). Bundled by bundle-web.cjs; the test page sets
// window.FAILSMART = { baseUrl, key } before loading it and reads window.newCheckout back.
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { OFREPWebProvider } from '@openfeature/ofrep-web-provider';

async function main() {
  const { baseUrl, key } = window.FAILSMART;
  await OpenFeature.setContext({ targetingKey: 'u-1', email: 'ana@failsmart.dev' });
  await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, headers: [['Authorization', `Bearer ${key}`]] }));
  const client = OpenFeature.getClient();
  const read = () => {
    const d = client.getBooleanDetails('new-checkout', false);
    window.newCheckout = { value: d.value, reason: d.reason, variant: d.variant ?? null, errorCode: d.errorCode ?? null };
  };
  read();
  window.changes = 0;
  client.addHandler(ProviderEvents.ConfigurationChanged, () => {
    window.changes += 1;
    read();
  });
  window.ready = true;
}

main().catch((error) => {
  window.failure = String(error && error.stack ? error.stack : error);
});
