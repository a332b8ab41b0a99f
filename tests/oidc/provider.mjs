// A real OpenID provider (the npm package oidc-provider) on loopback, for the SSO tests only.
//
//   node tests/oidc/provider.mjs [redirect base, default http://testserver] [port]
//
// Listens on 127.0.0.1 on the port (default: a free one) and prints one line "READY <issuer>"
// on stdout when it answers (`make demo-sso` runs it beside the demo on port 9400). Authorisation code flow with PKCE required, state and nonce, RP-initiated logout.
// Clients (secret "uwvkms-test-geheim", redirect URI <base>/inloggen/uwv/terug/):
//   uwvkms           the app
//   uwvkms-verlopen  the same, but every ID token it gets has already expired
// Accounts (password "wachtwoord") are in ACCOUNTS below; a test changes one's claims with
//   POST /__test__/accounts/<login>  {"groups": [...], "bedrijfsonderdeel": "..."}
// Never use this outside the tests: it keeps everything in memory and trusts loopback.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const REDIRECT_BASE = (process.argv[2] || 'http://testserver').replace(/\/$/, '');
const SECRET = 'uwvkms-test-geheim';
const PASSWORD = 'wachtwoord';

const ACCOUNTS = {
  toetser: {
    sub: 'uwv-0001', email: 'tessa.toetser@uwv.example', given_name: 'Tessa', family_name: 'Toetser',
    name: 'Tessa Toetser', groups: ['kms-toetsers'], bedrijfsonderdeel: 'UIT',
  },
  coordinator: {
    sub: 'uwv-0002', email: 'cor.coordinator@uwv.example', given_name: 'Cor', family_name: 'Coördinator',
    name: 'Cor Coördinator', groups: ['kms-coordinatie', 'kms-toetsers'], bedrijfsonderdeel: 'FEZ',
  },
  geenrol: {
    sub: 'uwv-0003', email: 'gerrit.geenrol@uwv.example', given_name: 'Gerrit', family_name: 'Geenrol',
    name: 'Gerrit Geenrol', groups: ['iedereen'], bedrijfsonderdeel: 'UIT',
  },
};
const INITIAL = JSON.stringify(ACCOUNTS);

function html(title, body) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><h1>${title}</h1>${body}</body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const server = http.createServer();
server.listen(Number(process.argv[3] || 0), '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const clients = ['uwvkms', 'uwvkms-verlopen'].map((clientId) => ({
    client_id: clientId,
    client_secret: SECRET,
    redirect_uris: [`${REDIRECT_BASE}/inloggen/uwv/terug/`],
    post_logout_redirect_uris: [`${REDIRECT_BASE}/inloggen/`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }));

  const provider = new Provider(issuer, {
    clients,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups', 'bedrijfsonderdeel'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = html('Uitloggen bij de testprovider', `${form}<button type="submit" `
            + 'form="op.logoutForm" name="logout" value="yes">Uitloggen</button>');
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = html('Uitgelogd', '<p>U bent uitgelogd bij de testprovider.</p>');
        },
      },
    },
    ttl: {
      // A client of the tests gets an ID token that expired ten minutes before it was issued.
      IdToken: (ctx, token, client) => (client.clientId === 'uwvkms-verlopen' ? -600 : 3600),
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party clients: no consent screen, every requested scope is granted.
    loadExistingGrant: async (ctx) => {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
    // The account id is the subject (sub) of the account's claims, never its login name.
    findAccount: async (ctx, sub) => {
      const login = Object.keys(ACCOUNTS).find((key) => ACCOUNTS[key].sub === sub);
      if (!login) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ ...ACCOUNTS[login], preferred_username: login, email_verified: true }),
      };
    },
  });
  const callback = provider.callback();

  async function interaction(req, res, uid) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid || details.prompt.name !== 'login') {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`onverwachte stap ${details.prompt.name}`);
      return;
    }
    let error = '';
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const login = form.get('login') || '';
      if (ACCOUNTS[login] && form.get('password') === PASSWORD) {
        await provider.interactionFinished(req, res, { login: { accountId: ACCOUNTS[login].sub } },
          { mergeWithLastSubmission: false });
        return;
      }
      error = '<p role="alert">Onbekende gebruiker of onjuist wachtwoord.</p>';
    }
    res.writeHead(error ? 401 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html('Inloggen bij de testprovider', `${error}<form method="post" `
      + `action="/interaction/${escape(uid)}"><label>Gebruiker <input name="login"></label>`
      + '<label>Wachtwoord <input type="password" name="password"></label>'
      + '<button type="submit">Inloggen</button></form>'));
  }

  async function testAccounts(req, res, login) {
    if (req.method === 'DELETE' && !login) {
      // Back to the accounts the provider started with (between tests).
      for (const key of Object.keys(ACCOUNTS)) delete ACCOUNTS[key];
      Object.assign(ACCOUNTS, JSON.parse(INITIAL));
    } else if (req.method === 'POST' && login) {
      ACCOUNTS[login] = { ...(ACCOUNTS[login] || {}), ...JSON.parse(await readBody(req)) };
    } else {
      res.writeHead(405);
      res.end();
      return;
    }
    res.writeHead(204);
    res.end();
  }

  server.on('request', (req, res) => {
    const { pathname } = new URL(req.url, issuer);
    const interactionMatch = pathname.match(/^\/interaction\/([\w-]+)$/);
    const accountMatch = pathname.match(/^\/__test__\/accounts\/?([\w-]*)$/);
    let handled;
    if (interactionMatch) handled = interaction(req, res, interactionMatch[1]);
    else if (accountMatch) handled = testAccounts(req, res, accountMatch[1]);
    else {
      callback(req, res);
      return;
    }
    handled.catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err && err.message ? err.message : err));
    });
  });
  process.stdout.write(`READY ${issuer}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
