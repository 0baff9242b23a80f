/**
 * Every operation of both APIs in JSV and XML, requests and responses, errors in
 * the negotiated format, JSONP, forms, and the negotiation order.
 */
import { XMLParser } from 'fast-xml-parser';
import type { MockServer } from '../src/server/start.js';
import { signIn, startTestServer } from './helpers.js';

let mock: MockServer;
let billie: string;
let home: string;
let auth: Record<string, string>;

beforeAll(async () => {
  mock = await startTestServer();
  billie = `${mock.url}/billiecart`;
  home = `${mock.url}/servicestack-home`;
  auth = { Authorization: `Bearer ${await signIn(billie)}` };
});
afterAll(() => mock.close());

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false });
const call = (method: string, url: string, body: string | undefined, headers: Record<string, string>) =>
  fetch(url, { method, headers: { ...auth, ...headers }, ...(body === undefined ? {} : { body }) });

describe('JSV', () => {
  it('creates a customer from a JSV body and answers in JSV', async () => {
    const res = await call('POST', `${billie}/customers`, '{email:jsv@example.com,organisationId:org-1}', {
      'Content-Type': 'text/jsv',
      Accept: 'application/jsv',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/jsv/);
    const text = await res.text();
    expect(text).toMatch(/^\{customer:\{id:[0-9a-f-]{36},/);
    expect(text).toContain('email:jsv@example.com');
  });

  it('reads the pretty-printed sample layout of the metadata pages on /jsv/reply', async () => {
    const body = '{\n\tid: String,\n\tuserAccountId: String,\n\torganisationId: String\n}';
    const res = await call('PUT', `${billie}/jsv/reply/AssociateUserAccountToCustomerRequest`, body, {});
    expect(res.status).toBe(404); // the customer "String" does not exist — but the body was read
    expect(await res.text()).toMatch(/^\{responseStatus:\{errorCode:NotFound,/);
  });

  it('renders validation errors in JSV', async () => {
    const res = await call(
      'PUT',
      `${billie}/api/AssociateUserAccountToCustomerRequest.jsv`,
      JSON.stringify({ userAccountId: 'x' }),
      { 'Content-Type': 'application/json' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/errorCode:NotEmpty.*fieldName:Id/);
  });

  it('answers truncated JSV with 400 SerializationException', async () => {
    const res = await call('POST', `${home}/jsv/reply/Customer`, '{email:"unterminated', {});
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('SerializationException');
  });
});

describe('XML (DataContract)', () => {
  it('creates a person from the page sample XML and answers with the sample root and namespaces', async () => {
    const body = `<CreatePersonRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Infrastructure.Api.Interfaces.ServiceOperations.Persons">
  <PhoneNumber>+61 400 111 222</PhoneNumber><Timezone>Australia/Hobart</Timezone><UserAccountId>ua-1</UserAccountId></CreatePersonRequest>`;
    const res = await call('POST', `${billie}/persons`, body, {
      'Content-Type': 'application/xml',
      Accept: 'application/xml',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const text = await res.text();
    expect(text).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?><CreatePersonResponse /);
    expect(text).toContain(
      'xmlns="http://schemas.datacontract.org/2004/07/Infrastructure.Api.Interfaces.ServiceOperations.Persons"',
    );
    expect(text).toContain('http://schemas.datacontract.org/2004/07/Application.Interfaces.Resources');
    const doc = xml.parse(text) as { CreatePersonResponse: { Person: { Timezone: string; PhoneNumber: string } } };
    expect(doc.CreatePersonResponse.Person).toMatchObject({
      Timezone: 'Australia/Hobart',
      PhoneNumber: '+61 400 111 222',
    });
  });

  it('renders errors as the operation response with ResponseStatus in the ServiceStack namespace', async () => {
    const res = await call(
      'PUT',
      `${billie}/xml/reply/AssociateUserAccountToCustomerRequest`,
      '<AssociateUserAccountToCustomerRequest><UserAccountId>x</UserAccountId></AssociateUserAccountToCustomerRequest>',
      {},
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<AssociateUserAccountToCustomerResponse');
    expect(text).toContain('http://schemas.servicestack.net/types');
    expect(text).toMatch(/ErrorCode>NotEmpty</);
  });

  it('refuses a DOCTYPE (entity expansion) with 400, never expanding it', async () => {
    const evil =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><CreatePersonRequest><Timezone>&lol2;</Timezone></CreatePersonRequest>';
    const res = await call('POST', `${billie}/persons`, evil, { 'Content-Type': 'application/xml' });
    expect(res.status).toBe(400);
  });

  it('serves every format suffix and ?format= for ServiceStack Home Customer', async () => {
    const created = (await (
      await call('POST', `${home}/Customer`, JSON.stringify({ email: 'f@example.com' }), {
        'Content-Type': 'application/json',
      })
    ).json()) as { id: number };
    const viaExt = await call('GET', `${home}/Customer/${created.id}.xml`, undefined, {});
    expect(await viaExt.text()).toMatch(/<Customer [^>]*><AddressCity|<Customer /);
    const viaQuery = await call('GET', `${home}/Customer/${created.id}?format=jsv`, undefined, {});
    expect(viaQuery.headers.get('content-type')).toMatch(/jsv/);
    expect(await viaQuery.text()).toContain(`id:${created.id}`);
  });
});

describe('negotiation, JSONP and forms', () => {
  it('wraps GET answers in a JSONP callback, errors included', async () => {
    const ok = await call('GET', `${home}/Customer?callback=handle`, undefined, {});
    expect(ok.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toMatch(/handle\(\[/);
    const missing = await call('GET', `${home}/Customer/424242?callback=cb`, undefined, {});
    expect(missing.status).toBe(200);
    expect(await missing.text()).toMatch(/cb\(\{"responseStatus":\{"errorCode":"NotFound"/);
  });

  it('refuses a JSONP callback that is not an identifier', async () => {
    const res = await call('GET', `${home}/Customer?callback=alert(1)//`, undefined, {});
    expect(res.headers.get('content-type')).not.toMatch(/javascript/);
  });

  it('binds form posts like the query string', async () => {
    const res = await call('POST', `${home}/Customer`, 'Email=form%40example.com&IsReferrer=true', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(await res.json()).toMatchObject({ email: 'form@example.com', isReferrer: true });
  });

  it('prefers ?format over the extension over Accept', async () => {
    const res = await call('GET', `${home}/Customer.json?format=xml`, undefined, { Accept: 'application/jsv' });
    expect(res.headers.get('content-type')).toMatch(/xml/);
    const byAccept = await call('GET', `${home}/Customer`, undefined, { Accept: 'application/jsv' });
    expect(byAccept.headers.get('content-type')).toMatch(/jsv/);
  });

  it('answers 406 for an Accept naming only formats it cannot produce', async () => {
    const res = await call('GET', `${home}/Customer`, undefined, { Accept: 'image/png' });
    expect(res.status).toBe(406);
  });
});
