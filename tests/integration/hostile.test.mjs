// hostile.test.mjs: a corpus of hostile input against every route: NUL, invalid and overlong UTF-8,
// many and huge fields, traversal, long URLs, bad escapes, header injection, wrong methods, entity
// bodies, bogus ids, non-form content types (415), bursts. Never a 500, never a crash; the server
// keeps serving and the store and the audit chain verify afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, request, csrfToken, auth, referral } from '../lib/server.mjs';

let srv;
const tokens = {};
let zaak, overleg;

before(async () => {
  srv = await startServer();
  tokens.officier = await csrfToken(srv, 'officier');
  for (const u of ['admin', 'medewerker']) tokens[u] = await csrfToken(srv, u, '/overleg/nieuw');
  let r = await request(srv, 'POST', '/verwijzingen',
    { user: 'officier', body: referral({ csrf: tokens.officier, actie: 'indienen' }) });
  assert.equal(r.status, 303);
  zaak = r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
  r = await request(srv, 'POST', '/overleg',
    { user: 'medewerker', body: { csrf: tokens.medewerker, vraag: 'Vraag', criteria: 'dwang' } });
  assert.equal(r.status, 303);
  overleg = r.headers.get('location').match(/\/overleg\/(O\d+)/)[1];
  tokens.contact = await csrfToken(srv, 'contact', `/overleg/${overleg}`);
});

after(async () => {
  const r = await srv.stop();
  srv.cleanup();
  assert.equal(r.code, 0);
});

// The routes of app.c with a user who may call each, and the methods they answer.
const routes = () => [
  { path: '/', user: 'officier', allow: ['GET'] },
  { path: '/verwijzingen/nieuw', user: 'officier', allow: ['GET'] },
  { path: '/verwijzingen', user: 'officier', allow: ['POST'] },
  { path: '/zaken', user: 'admin', allow: ['GET'] },
  { path: `/zaken/${zaak}`, user: 'admin', allow: ['GET'] },
  { path: `/zaken/${zaak}/voorblad`, user: 'admin', allow: ['GET'] },
  { path: `/zaken/${zaak}/registratie`, user: 'admin', allow: ['POST'] },
  { path: `/zaken/${zaak}/stappen/hertoetsing`, user: 'medewerker', allow: ['GET', 'POST'] },
  { path: '/overleg/nieuw', user: 'medewerker', allow: ['GET'] },
  { path: '/overleg', user: 'medewerker', allow: ['GET', 'POST'] },
  { path: `/overleg/${overleg}`, user: 'medewerker', allow: ['GET'] },
  { path: `/overleg/${overleg}/antwoord`, user: 'contact', allow: ['POST'] },
  { path: `/overleg/${overleg}/aanvulling`, user: 'medewerker', allow: ['POST'] },
  { path: '/beheer/audit', user: 'beheer', allow: ['GET'] },
];
const postRoutes = () => routes().filter((r) => r.allow.includes('POST'));

// Bytes straight onto the socket: no client-side normalisation of paths or headers.
function raw(bytes) {
  return new Promise((ok, fail) => {
    const s = net.connect(srv.port, '127.0.0.1');
    const chunks = [];
    s.setTimeout(15000, () => { s.destroy(); fail(new Error('timeout')); });
    s.on('data', (d) => chunks.push(d));
    s.on('error', (e) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? ok(parse(Buffer.concat(chunks))) : fail(e)));
    s.on('end', () => ok(parse(Buffer.concat(chunks))));
    s.write(bytes);
  });
}
function parse(buf) {
  const text = buf.toString('latin1');
  const m = text.match(/^HTTP\/1\.[01] (\d{3})/);
  const head = text.split('\r\n\r\n')[0];
  return { status: m ? Number(m[1]) : 0, head, text };
}
function rawGet(path, user = 'officier', extra = '') {
  return raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth(user)}\r\n${extra}Connection: close\r\n\r\n`);
}
function rawPost(path, user, body, type = 'application/x-www-form-urlencoded', extra = '') {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  return raw(Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth(user)}\r\n`
    + `Content-Type: ${type}\r\nContent-Length: ${b.length}\r\n${extra}Connection: close\r\n\r\n`, 'latin1'), b]));
}

const never500 = (r, what) => {
  assert.ok(r.status >= 200 && r.status < 500, `${what}: status ${r.status}`);
};

async function stillServing() {
  const r = await request(srv, 'GET', `/zaken/${zaak}`, { user: 'admin' });
  assert.equal(r.status, 200, 'the server keeps serving');
}

test('NUL, invalid and overlong UTF-8 and bad percent escapes in bodies, queries and paths', async () => {
  const evil = ['%00', 'a%00b', '%FF%FE', '%C0%AF', '%E0%80%AF', '%F8%88%80%80%80', '%ED%A0%80',
    '%C3', '%', '%zz', '%%41', '%G1%', 'a=b=c', '%0D%0A'];
  for (const e of evil) {
    for (const rt of postRoutes()) {
      const token = tokens[rt.user];
      never500(await rawPost(rt.path, rt.user, `csrf=${token}&vraag=${e}&toelichting=${e}&omschrijving=${e}&${e}=${e}`),
        `POST ${rt.path} ${e}`);
    }
    never500(await rawGet(`/zaken?status=${e}`, 'admin'), `query ${e}`);
    never500(await rawGet(`/zaken/${e}`, 'admin'), `path ${e}`);
    never500(await rawGet(`/overleg/nieuw?vraag=${e}&criteria=${e}`, 'medewerker'), `prefill ${e}`);
  }
  // Raw invalid bytes, not escaped.
  never500(await rawPost('/overleg', 'medewerker', Buffer.concat([Buffer.from(`csrf=${tokens.medewerker}&vraag=`),
    Buffer.from([0xff, 0xc0, 0xaf, 0x00, 0xe0, 0x80])])), 'raw bytes');
  await stillServing();
});

test('5000 fields and huge fields are refused, not crashed on', async () => {
  const many = Array.from({ length: 5000 }, (_, i) => `f${i}=x`).join('&');
  for (const rt of postRoutes()) {
    const r = await rawPost(rt.path, rt.user, `csrf=${tokens[rt.user]}&${many}`);
    never500(r, `5000 fields ${rt.path}`);
    assert.ok([400, 413, 422].includes(r.status), `5000 fields on ${rt.path}: ${r.status}`);
  }
  const huge = 'x'.repeat(2 * 1024 * 1024);
  for (const rt of postRoutes()) {
    const r = await rawPost(rt.path, rt.user, `csrf=${tokens[rt.user]}&vraag=${huge}`);
    assert.equal(r.status, 413, `2 MB on ${rt.path}`);
  }
  const long = 'y'.repeat(100000);
  const r = await request(srv, 'POST', '/overleg', { user: 'medewerker', body: { csrf: tokens.medewerker, vraag: long } });
  never500(r, 'one long field');
  assert.ok([413, 422].includes(r.status));
  never500(await rawGet(`/zaken?${many}`, 'admin'), '5000 query fields');
  await stillServing();
});

test('path traversal, bogus ids and long URLs are 400/403/404/414, never a file', async () => {
  const paths = ['/zaken/../../etc/passwd', '/zaken/..%2F..%2Fetc%2Fpasswd', '/zaken/Z%00', '/zaken/Z%2500',
    '/zaken/%2e%2e/%2e%2e/etc', '/overleg/..%5C..%5Cetc', '/zaken/Z00000001/stappen/..', '/zaken/Z00000001/stappen/%2e%2e',
    `/zaken/${'Z'.repeat(64)}`, `/zaken/${'Z'.repeat(65)}`, `/overleg/${'O'.repeat(64)}`,
    `/zaken/${'Z'.repeat(33)}/voorblad`, `/zaken/${'1'.repeat(33)}/stappen/hertoetsing`,
    '/zaken/Z-1', '/zaken/z00000001', '/zaken/Z00000001/', '//zaken', '/zaken//Z00000001',
    '/./zaken', '/static/../../../etc/passwd', `/${'a'.repeat(8000)}`, `/zaken?status=${'s'.repeat(7000)}`,
    `/zaken/${'Z'.repeat(20000)}`];
  for (const p of paths) {
    for (const user of ['admin', 'medewerker', 'officier']) {
      const r = await rawGet(p, user);
      never500(r, `GET ${p.slice(0, 60)}`);
      assert.doesNotMatch(r.text, /root:x:0:0/);
    }
  }
  for (const p of [`/zaken/${'Z'.repeat(40)}/registratie`, `/zaken/${'Z'.repeat(40)}/stappen/hertoetsing`]) {
    const user = p.includes('registratie') ? 'admin' : 'medewerker';
    never500(await rawPost(p, user, `csrf=${tokens[user]}&medewerker=medewerker&versie=1`), `POST ${p}`);
  }
  await stillServing();
});

test('header injection attempts do not reach the response headers', async () => {
  const r1 = await rawGet('/zaken?status=x%0D%0ASet-Cookie:%20a=b', 'admin');
  never500(r1, 'CRLF in query');
  assert.doesNotMatch(r1.head, /set-cookie/i);
  const r2 = await rawGet('/', 'officier', 'X-Forwarded-For: 1.2.3.4\r\nAccept: application/xml\r\n  Set-Cookie: a=b\r\n');
  never500(r2, 'folded header');
  assert.doesNotMatch(r2.head, /set-cookie/i);
  const r3 = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${Buffer.from('officier\r\nX: y:demo').toString('base64')}\r\nConnection: close\r\n\r\n`);
  assert.equal(r3.status, 401, 'a user name with CRLF does not log in');
  const r4 = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${Buffer.from('offi\u0000cier:demo').toString('base64')}\r\nConnection: close\r\n\r\n`);
  assert.equal(r4.status, 401, 'a user name with NUL does not log in');
  // A POST's Location never carries what was posted.
  const r5 = await rawPost('/overleg', 'medewerker', `csrf=${tokens.medewerker}&vraag=a%0D%0ALocation:%20//evil&zaak=`);
  never500(r5, 'CRLF in a value');
  assert.doesNotMatch(r5.head, /evil/);
  await stillServing();
});

test('wrong methods on every route: 405 with Allow', async () => {
  for (const rt of routes()) {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'GET', 'POST']) {
      if (rt.allow.includes(method)) continue;
      const body = method === 'GET' ? undefined : { csrf: tokens[rt.user] };
      const r = await request(srv, method, rt.path, { user: rt.user, body });
      assert.equal(r.status, 405, `${method} ${rt.path}`);
      const allow = r.headers.get('allow') || '';
      for (const m of rt.allow) assert.match(allow, new RegExp(m), `${method} ${rt.path} Allow: ${allow}`);
    }
    for (const method of ['OPTIONS', 'TRACE', 'FOO']) {
      const r = await raw(`${method} ${rt.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth(rt.user)}\r\nConnection: close\r\n\r\n`);
      never500(r, `${method} ${rt.path}`);
    }
  }
  await stillServing();
});

test('an XML body with entities as a form value comes back escaped and unexpanded', async () => {
  const xml = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY l "lol">]><x>&e;&l;</x><script>alert(1)</script>';
  let r = await request(srv, 'POST', '/overleg', { user: 'medewerker', body: { csrf: tokens.medewerker, vraag: xml } });
  assert.equal(r.status, 303);
  const id = r.headers.get('location').match(/\/overleg\/(O\d+)/)[1];
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker' });
  assert.equal(r.status, 200);
  assert.match(r.text, /&lt;!DOCTYPE x \[&lt;!ENTITY e SYSTEM "file:\/\/\/etc\/passwd"&gt;/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.doesNotMatch(r.text, /root:x:0:0/);
  r = await request(srv, 'GET', `/overleg/${id}`, { user: 'medewerker', xml: true });
  assert.match(r.text, /&lt;!DOCTYPE x/);
  assert.doesNotMatch(r.text, /<!DOCTYPE x/);
  // The 422 form keeps the value, escaped too.
  r = await request(srv, 'POST', '/verwijzingen',
    { user: 'officier', body: referral({ csrf: tokens.officier, actie: 'indienen', omschrijving: xml, delict_datum: '' }) });
  assert.equal(r.status, 422);
  assert.match(r.text, /&lt;!DOCTYPE x \[&lt;!ENTITY/);
  assert.doesNotMatch(r.text, /<!DOCTYPE x|<script>alert|root:x:0:0/);
});

test('no files, ever: multipart and every non-form content type get 415 on every POST route', async () => {
  const boundary = '----haltgrens';
  const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n--${boundary}\r\n`
    + 'Content-Disposition: form-data; name="bestand"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    + '\xff\xd8\xff\xe0JFIF\r\n' + `--${boundary}--\r\n`;
  const types = [
    [`multipart/form-data; boundary=${boundary}`, multipart],
    ['multipart/mixed; boundary=x', '--x--'],
    ['application/json', '{"csrf":"x"}'],
    ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'],
    ['text/xml', '<x/>'],
    ['text/plain', 'csrf=x'],
    ['image/jpeg', '\xff\xd8\xff\xe0'],
    ['application/octet-stream', 'csrf=x'],
    ['application/x-www-form-urlencodedx', 'csrf=x'],
    ['application/x-www-form-urlencoded-evil', 'csrf=x'],
  ];
  for (const rt of postRoutes()) {
    for (const [type, body] of types) {
      const r = await rawPost(rt.path, rt.user, body.replace('csrf=x', `csrf=${tokens[rt.user]}`), type);
      assert.equal(r.status, 415, `${type} on ${rt.path}`);
    }
    // A body without any Content-Type is not a form either.
    const b = `csrf=${tokens[rt.user]}`;
    const r = await raw(`POST ${rt.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth(rt.user)}\r\n`
      + `Content-Length: ${b.length}\r\nConnection: close\r\n\r\n${b}`);
    assert.equal(r.status, 415, `no Content-Type on ${rt.path}`);
    // A form with a charset parameter is still a form.
    const ok = await rawPost(rt.path, rt.user, b, 'application/x-www-form-urlencoded; charset=UTF-8');
    assert.notEqual(ok.status, 415, `charset param on ${rt.path}`);
    never500(ok, rt.path);
  }
  // A big upload is refused as well (413 or 415), without a 500.
  const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
  const r = await rawPost('/overleg', 'medewerker', big, `multipart/form-data; boundary=${boundary}`);
  assert.ok([413, 415].includes(r.status), `big multipart: ${r.status}`);
});

test('concurrent bursts: no 500, the server keeps serving', async () => {
  const jobs = [];
  for (let i = 0; i < 300; i++) {
    const k = i % 6;
    if (k === 0) jobs.push(request(srv, 'GET', `/zaken/${zaak}`, { user: 'admin' }));
    else if (k === 1) jobs.push(request(srv, 'GET', '/zaken', { user: 'medewerker' }));
    else if (k === 2) jobs.push(request(srv, 'POST', '/overleg', { user: 'medewerker', body: { csrf: tokens.medewerker, vraag: `Burst ${i}` } }));
    else if (k === 3) jobs.push(rawGet(`/zaken/Z%00${i}`, 'admin'));
    else if (k === 4) jobs.push(rawPost('/overleg', 'medewerker', `csrf=${tokens.medewerker}&vraag=%FF%00${i}`));
    else jobs.push(request(srv, 'POST', `/zaken/${zaak}/stappen/hertoetsing`, { user: 'medewerker', body: { csrf: tokens.medewerker, versie: '1' } }));
  }
  const results = await Promise.all(jobs.map((p) => p.catch((e) => ({ status: -1, e }))));
  const bad = results.filter((r) => !(r.status >= 200 && r.status < 500));
  assert.deepEqual(bad.map((r) => r.status), []);
  await stillServing();
});

test('afterwards: haltctl check and audit verify pass, no sanitizer report', async () => {
  await stillServing();
  srv.haltctl('check');
  assert.match(srv.haltctl('audit', 'verify'), /keten in orde/);
  assert.doesNotMatch(srv.appLog(), /Sanitizer|runtime error:/);
});
