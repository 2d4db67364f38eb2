// The local OpenID provider of Koers' test suite: panva's oidc-provider (pinned in package.json),
// started by crates/koers-cli/tests/oidc.rs. Not for production.
//
//   node provider.mjs PORT REDIRECT_URI [REDIRECT_URI …]
//
// Issuer http://127.0.0.1:PORT. Clients (secret "koers-test-geheim" for both):
//   koers          normal ID tokens
//   koers-verlopen ID tokens that expired an hour ago (the "expired ID token" journey)
// Accounts: any login name, any password (the provider's dev interactions). The login name is
// the `sub`; the e-mail is the login name when it contains "@", else NAME@school.test; names
// starting with "onbevestigd" have email_verified = false. The organisation claim
// `schac_home_organization` is the e-mail domain (as SURFconext sends it).
import Provider from 'oidc-provider';

const [port, ...redirectUris] = process.argv.slice(2);
if (!port || redirectUris.length === 0) {
  console.error('usage: node provider.mjs PORT REDIRECT_URI…');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const client = (id) => ({
  client_id: id,
  client_secret: 'koers-test-geheim',
  redirect_uris: redirectUris,
  post_logout_redirect_uris: redirectUris.map((u) => new URL('/', u).href),
  token_endpoint_auth_method: 'client_secret_basic',
});

const provider = new Provider(issuer, {
  clients: [client('koers'), client('koers-verlopen')],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile'],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'schac_home_organization'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => {
      const email = id.includes('@') ? id : `${id}@school.test`;
      return {
        sub: id,
        email,
        email_verified: !id.startsWith('onbevestigd'),
        name: id.split('@')[0],
        schac_home_organization: email.split('@')[1],
      };
    },
  }),
  cookies: { keys: ['koers-test-provider'] },
});
provider.proxy = false;

// koers-verlopen: its ID tokens expired an hour ago (exp in the past, iat now). Passing
// `expiresAt` is the model's own option; no clock is shifted, so parallel journeys are unaffected.
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = function patched(opts) {
  if (opts?.use === 'idtoken' && this.client?.clientId === 'koers-verlopen') {
    return issue.call(this, { ...opts, expiresAt: Math.floor(Date.now() / 1000) - 3600 });
  }
  return issue.call(this, opts);
};

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider ready at ${issuer}`);
});
