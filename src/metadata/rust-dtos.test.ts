import fc from 'fast-check';
import { parseRustDtos } from '../derive/dto/rust.js';
import type { TypeRef } from '../derive/model.js';
import { loadApi } from '../schema/registry.js';
import { dtoOptions, parseTypeExpr, type TypeExpr } from './dto-options.js';
import { buildRustDtos, rustFieldName, rustType, type RustUses } from './rust-dtos.js';

const uses = (): RustUses => ({ library: new Set(['QueryResponse', 'QueryDb', 'ResponseStatus']) });

describe('rustType: a .NET type as RustGenerator names it', () => {
  it.each<[string, string]>([
    ['String', 'String'],
    ['Int32', 'i32'],
    ['Int64', 'i64'],
    ['Decimal', 'f64'],
    ['Boolean', 'bool'],
    ['Char', 'char'],
    ['Guid', 'String'],
    ['DateTime', 'String'],
    ['Object', 'Value'],
    ['Byte[]', 'Vec<u8>'],
    ['Int32[]', 'Vec<i32>'],
    ['Nullable<Int32>', 'Option<i32>'],
    ['List<Order>', 'Vec<Order>'],
    ['List<Nullable<Int32>>', 'Vec<Option<i32>>'],
    ['Dictionary<String,Order>', 'HashMap<String, Order>'],
    ['QueryResponse<Booking>', 'QueryResponse<Booking>'],
    ['QueryDb<Booking,Summary>', 'QueryDb'],
    ['KeyValuePair<String,Int32>', 'KeyValuePair<String, i32>'],
  ])('%s → %s', (dotnet, rust) => {
    expect(rustType(parseTypeExpr(dotnet), uses())).toBe(rust);
  });

  it.each<[string, string]>([
    ['FirstName', 'first_name'],
    ['AddressLine1', 'address_line1'],
    ['Type', 'r#type'],
    ['Ref', 'r#ref'],
    ['Id', 'id'],
  ])('field %s is %s', (name, field) => {
    expect(rustFieldName(name)).toBe(field);
  });
});

describe('buildRustDtos', () => {
  const text = buildRustDtos(loadApi('schemas', 'billiecart'), 'http://x/billiecart', dtoOptions({}), new Date(0));

  it('prints the header without trailing spaces, the lints and the sorted imports', () => {
    expect(text).not.toMatch(/ +$/m);
    expect(text).toContain(
      [
        '//DefaultImports: serde::{Deserialize, Serialize},serde_json::Value,std::collections::HashMap',
        '*/',
        '',
        '#![allow(',
        '    dead_code,',
        '    non_camel_case_types,',
        '    non_snake_case,',
        '    clippy::upper_case_acronyms',
        ')]',
        '',
        'use serde::{Deserialize, Serialize};',
        'use serde_json::Value;',
        'use servicestack::*;',
        'use std::collections::HashMap;',
        '',
      ].join('\n'),
    );
  });

  it("prints a request's routes, auth, renamed fields and its IRequest / IReturn impls", () => {
    expect(text).toContain(
      [
        '// Route("/customers", "POST")',
        '// ValidateHasRole("manager")',
        '#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]',
        '#[serde(default)]',
        'pub struct CreateCustomerRequest {',
        '    #[serde(default, skip_serializing_if = "Option::is_none")]',
        '    pub email: Option<String>,',
        '    #[serde(rename = "organisationId")]',
        '    #[serde(default, skip_serializing_if = "Option::is_none")]',
        '    pub organisation_id: Option<String>,',
        '}',
        '',
        'impl IRequest for CreateCustomerRequest {',
        `    const NAME: &'static str = "CreateCustomerRequest";`,
        `    const VERB: &'static str = "POST";`,
        '}',
        'impl IReturn for CreateCustomerRequest {',
        '    type Response = CreateCustomerResponse;',
        '}',
      ].join('\n'),
    );
    // A required property is not an Option.
    expect(text).toContain('    pub id: String,\n');
  });

  it('prints no IReturn for a request returning itself, and enums with their wire names', () => {
    const home = buildRustDtos(loadApi('schemas', 'servicestack-home'), 'http://x', dtoOptions({}));
    expect(home).toContain(`impl IRequest for Customer {\n    const NAME: &'static str = "Customer";`);
    expect(home).not.toContain('impl IReturn for Customer');
    expect(home).toContain(
      'pub enum SkuType {\n    #[default]\n    #[serde(rename = "Product")]\n    Product,\n    #[serde(rename = "PerDev")]\n    PerDev,',
    );
    expect(home).toContain('    pub r#ref: Option<String>,');
    // An enum is a value type: always set, so not an Option.
    expect(home).toContain('    pub r#type: LicenseType,');
  });
});

const shape = (t: TypeRef | undefined): string =>
  t?.kind === 'list' ? `L(${shape(t.of)})` : t?.kind === 'map' ? `M(${shape(t.value)})` : 'T';
const expectedShape = (t: TypeExpr): string =>
  t.name === 'List'
    ? `L(${expectedShape(t.args[0]!)})`
    : t.name === 'Dictionary'
      ? `M(${expectedShape(t.args[1]!)})`
      : 'T';
const dotnetType: fc.Arbitrary<TypeExpr> = fc.letrec<{ t: TypeExpr }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('String', 'Int32', 'Int64', 'Boolean', 'Decimal', 'DateTime', 'Guid', 'Order', 'Object')
      .map((name): TypeExpr => ({ name, args: [] })),
    fc
      .constantFrom('Int32', 'DateTime', 'Double')
      .map((n): TypeExpr => ({ name: 'Nullable', args: [{ name: n, args: [] }] })),
    tie('t').map((a): TypeExpr => ({ name: 'List', args: [a] })),
    tie('t').map((a): TypeExpr => ({ name: 'Dictionary', args: [{ name: 'String', args: [] }, a] })),
  ),
})).t;

describe('a property type read back by ssmock derive', () => {
  it('keeps its lists and maps (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(dotnetType, (t) => {
        const parsed = parseRustDtos(`pub struct X {\n    pub p: Option<${rustType(t, uses())}>,\n}\n`, 'x.rs', 1);
        expect(parsed.diagnostics).toEqual([]);
        expect(shape(parsed.types[0]?.properties[0]?.type)).toBe(expectedShape(t));
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
