// npm run bench:derive: how long `ssmock derive` takes on a large API and `derive --check` on the committed schemas.
// Builds a 400-operation DTO file in ServiceStack's C# and TypeScript generators' styles (AutoQuery queries, CRUD operations with
// declarative validators, plain operations with their own responses, enums, generic collections) in a temp dir,
// runs the CLI on it as a user would (Node's start-up included), and prints the median of several runs against the
// targets: derive of 400 operations under 2 s, derive --check of the committed schemas under 1 s. The verdict is on
// wall time; the CLI's own CPU time (user + system) and the load average are printed beside it, because on a shared
// machine the wall time of the same run can triple while its CPU time barely moves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/index.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const OPERATIONS = Number(process.env.BENCH_OPERATIONS ?? 400);
const TARGETS = { derive: 2000, check: 1000 };

/** Five CRUD operations per table (query, create, replace, patch, delete); the rest are plain operations. */
const CRUD_PER_TABLE = 5;
const TABLES = Math.floor((OPERATIONS * 0.75) / CRUD_PER_TABLE);
const PLAIN = OPERATIONS - TABLES * CRUD_PER_TABLE;

const header = `/* Options:
Date: 2026-12-03 05:00:00
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://bench.example.com

//GlobalNamespace: 
//MakePartial: True
//MakeVirtual: True
//AddReturnMarker: True
//AddDescriptionAsComments: True
//AddDefaultXmlNamespace: http://schemas.servicestack.net/types
*/

using System;
using System.IO;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.Serialization;
using ServiceStack;
using ServiceStack.DataAnnotations;
using Bench.ServiceModel;

namespace Bench.ServiceModel
{
`;

const table = (i) => {
  const T = `Booking${i}`;
  const route = `/bookings${i}`;
  const role = i % 3 === 0 ? `    [ValidateRequest("HasRole(\`Employee\`)")]\n` : '';
  return `    ///<summary>
    ///Booking ${i} details
    ///</summary>
    public partial class ${T}
        : AuditBase
    {
        [AutoIncrement]
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual RoomType${i % 10} RoomType { get; set; }
        public virtual int RoomNumber { get; set; }
        public virtual DateTime BookingStartDate { get; set; }
        public virtual DateTime? BookingEndDate { get; set; }
        public virtual decimal Cost { get; set; }
        public virtual List<string> Tags { get; set; }
        public virtual Dictionary<string, List<int?>> Extras { get; set; }
        public virtual string Notes { get; set; }
        public virtual bool? Cancelled { get; set; }
    }

    ///<summary>
    ///Find Booking ${i}
    ///</summary>
    [Route("${route}", "GET")]
    [Route("${route}/{Id}", "GET")]
    public partial class Query${T}
        : QueryDb<${T}>, IReturn<QueryResponse<${T}>>
    {
        public virtual int? Id { get; set; }
        public virtual int[] Ids { get; set; }
        public virtual RoomType${i % 10}? RoomType { get; set; }
        public virtual string NameStartsWith { get; set; }
        public virtual decimal? CostAbove { get; set; }
        public virtual decimal? CostBelow { get; set; }
        public virtual DateTime? BookingStartDateAfter { get; set; }
        public virtual string NotesContains { get; set; }
    }

    ///<summary>
    ///Create a new Booking ${i}
    ///</summary>
    [Route("${route}", "POST")]
${role}    public partial class Create${T}
        : IReturn<IdResponse>, ICreateDb<${T}>
    {
        [Validate("NotEmpty")]
        public virtual string Name { get; set; }

        public virtual RoomType${i % 10} RoomType { get; set; }
        [Validate("GreaterThan(0)")]
        public virtual int RoomNumber { get; set; }

        public virtual DateTime BookingStartDate { get; set; }
        public virtual DateTime? BookingEndDate { get; set; }
        [Validate("InclusiveBetween(1,10000)")]
        public virtual decimal Cost { get; set; }

        [Validate("MaximumLength(200)")]
        public virtual string Notes { get; set; }
        public virtual List<string> Tags { get; set; }
    }

    [Route("${route}/{Id}", "PUT")]
${role}    public partial class Replace${T}
        : IReturn<IdResponse>, IUpdateDb<${T}>
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual RoomType${i % 10} RoomType { get; set; }
        public virtual int RoomNumber { get; set; }
        public virtual DateTime BookingStartDate { get; set; }
        public virtual DateTime? BookingEndDate { get; set; }
        public virtual decimal Cost { get; set; }
        public virtual string Notes { get; set; }
        public virtual bool? Cancelled { get; set; }
    }

    [Route("${route}/{Id}", "PATCH")]
    public partial class Update${T}
        : IReturn<IdResponse>, IPatchDb<${T}>
    {
        public virtual int Id { get; set; }
        public virtual string Name { get; set; }
        public virtual RoomType${i % 10}? RoomType { get; set; }
        [Validate("GreaterThan(0)")]
        public virtual int? RoomNumber { get; set; }

        public virtual decimal? Cost { get; set; }
        public virtual string Notes { get; set; }
    }

    [Route("${route}/{Id}", "DELETE")]
    [ValidateRequest("HasRole(\`Manager\`)")]
    public partial class Delete${T}
        : IReturnVoid, IDeleteDb<${T}>
    {
        public virtual int Id { get; set; }
    }

`;
};

const plain = (i) => {
  const auth = i % 4 === 0 ? '    [Authenticate]\n' : i % 4 === 1 ? '    [RequiredRole("Manager")]\n' : '';
  return `    ///<summary>
    ///Report ${i}
    ///</summary>
    [Route("/reports${i}/{Id}", "GET")]
    [Route("/reports${i}", "POST")]
${auth}    public partial class GetReport${i}
        : IReturn<GetReport${i}Response>
    {
        public virtual int Id { get; set; }
        [ApiMember(Description="From when", IsRequired=true)]
        public virtual DateTime From { get; set; }
        public virtual DateTime? To { get; set; }
        [DataMember(Name="groupBy")]
        public virtual string GroupBy { get; set; }
        public virtual Dictionary<string, List<Nullable<int>>> Filters { get; set; }
    }

    public partial class GetReport${i}Response
    {
        public virtual int Total { get; set; }
        public virtual List<ReportLine${i}> Lines { get; set; }
        public virtual ResponseStatus ResponseStatus { get; set; }
    }

    public partial class ReportLine${i}
    {
        public virtual string Label { get; set; }
        public virtual decimal Amount { get; set; }
        public virtual Guid? RefId { get; set; }
        public virtual TimeSpan Duration { get; set; }
    }

`;
};

const enumOf = (i) => `    public enum RoomType${i}
    {
        Single,
        Double,
        Queen,
        Twin,
        Suite,
    }

`;

/** The generated API as ServiceStack's C# generator prints it (bench/run.js serves it to time start-up). */
export const csharpDtos = () =>
  header +
  Array.from({ length: Math.min(TABLES, 10) }, (_, i) => enumOf(i)).join('') +
  Array.from({ length: TABLES }, (_, i) => table(i)).join('') +
  Array.from({ length: PLAIN }, (_, i) => plain(i)).join('') +
  '}\n';

/** The same API as ServiceStack's TypeScript generator prints it (precision hidden: every number is `number`). */
const tsClass = (name, { base, implements: impl = [], route = [], attrs = [], props, method, response }) => {
  const heritage = `${base ? ` extends ${base}` : ''}${impl.length ? ` implements ${impl.join(', ')}` : ''}`;
  const members = props.map(([n, t, attr]) => `${attr ? `    // ${attr}\n` : ''}    public ${n}: ${t};`).join('\n');
  const ctor = base ? `super(init); (Object as any).assign(this, init);` : `(Object as any).assign(this, init);`;
  const op = method
    ? `\n    public getTypeName() { return '${name}'; }\n    public getMethod() { return '${method}'; }\n    public createResponse() { ${response ? `return new ${response}();` : ''} }`
    : '';
  return `${[...route.map((r) => `// @Route("${r[0]}", "${r[1]}")`), ...attrs].map((l) => `${l}\n`).join('')}export class ${name}${heritage}
{
${members}

    public constructor(init?: Partial<${name}>) { ${ctor} }${op}
}

`;
};

const tsTable = (i) => {
  const T = `Booking${i}`;
  const route = `/bookings${i}`;
  const role = i % 3 === 0 ? ['// @ValidateRequest(Validator="HasRole(`Employee`)")'] : [];
  return (
    tsClass(T, {
      base: 'AuditBase',
      props: [
        ['id', 'number', '@AutoIncrement()'],
        ['name', 'string'],
        ['roomType', `RoomType${i % 10}`],
        ['roomNumber', 'number'],
        ['bookingStartDate', 'string'],
        ['bookingEndDate?', 'string'],
        ['cost', 'number'],
        ['tags', 'string[]'],
        ['extras', '{ [index:string]: number[]; }'],
        ['notes', 'string'],
        ['cancelled?', 'boolean'],
      ],
    }) +
    tsClass(`Query${T}`, {
      base: `QueryDb<${T}>`,
      implements: [`IReturn<QueryResponse<${T}>>`],
      route: [
        [route, 'GET'],
        [`${route}/{Id}`, 'GET'],
      ],
      props: [
        ['id?', 'number'],
        ['ids?', 'number[]'],
        ['roomType?', `RoomType${i % 10}`],
        ['nameStartsWith?', 'string'],
        ['costAbove?', 'number'],
        ['costBelow?', 'number'],
        ['bookingStartDateAfter?', 'string'],
        ['notesContains?', 'string'],
      ],
      method: 'GET',
      response: `QueryResponse<${T}>`,
    }) +
    tsClass(`Create${T}`, {
      implements: ['IReturn<IdResponse>', `ICreateDb<${T}>`],
      route: [[route, 'POST']],
      attrs: role,
      props: [
        ['name', 'string', '@Validate(Validator="NotEmpty")'],
        ['roomType', `RoomType${i % 10}`],
        ['roomNumber', 'number', '@Validate(Validator="GreaterThan(0)")'],
        ['bookingStartDate', 'string'],
        ['bookingEndDate?', 'string'],
        ['cost', 'number', '@Validate(Validator="InclusiveBetween(1,10000)")'],
        ['notes', 'string', '@Validate(Validator="MaximumLength(200)")'],
        ['tags', 'string[]'],
      ],
      method: 'POST',
      response: 'IdResponse',
    }) +
    tsClass(`Replace${T}`, {
      implements: ['IReturn<IdResponse>', `IUpdateDb<${T}>`],
      route: [[`${route}/{Id}`, 'PUT']],
      attrs: role,
      props: [
        ['id', 'number'],
        ['name', 'string'],
        ['roomType', `RoomType${i % 10}`],
        ['roomNumber', 'number'],
        ['bookingStartDate', 'string'],
        ['bookingEndDate?', 'string'],
        ['cost', 'number'],
        ['notes', 'string'],
        ['cancelled?', 'boolean'],
      ],
      method: 'PUT',
      response: 'IdResponse',
    }) +
    tsClass(`Update${T}`, {
      implements: ['IReturn<IdResponse>', `IPatchDb<${T}>`],
      route: [[`${route}/{Id}`, 'PATCH']],
      props: [
        ['id', 'number'],
        ['name?', 'string'],
        ['roomType?', `RoomType${i % 10}`],
        ['roomNumber?', 'number', '@Validate(Validator="GreaterThan(0)")'],
        ['cost?', 'number'],
        ['notes?', 'string'],
      ],
      method: 'PATCH',
      response: 'IdResponse',
    }) +
    tsClass(`Delete${T}`, {
      implements: ['IReturnVoid', `IDeleteDb<${T}>`],
      route: [[`${route}/{Id}`, 'DELETE']],
      attrs: ['// @ValidateRequest(Validator="HasRole(`Manager`)")'],
      props: [['id', 'number']],
      method: 'DELETE',
    })
  );
};

const tsPlain = (i) =>
  tsClass(`ReportLine${i}`, {
    props: [
      ['label', 'string'],
      ['amount', 'number'],
      ['refId?', 'string'],
      ['duration', 'string'],
    ],
  }) +
  tsClass(`GetReport${i}Response`, {
    props: [
      ['total', 'number'],
      ['lines', `ReportLine${i}[]`],
      ['responseStatus', 'ResponseStatus'],
    ],
  }) +
  tsClass(`GetReport${i}`, {
    implements: [`IReturn<GetReport${i}Response>`],
    route: [
      [`/reports${i}/{Id}`, 'GET'],
      [`/reports${i}`, 'POST'],
    ],
    attrs: i % 4 === 0 ? ['// @Authenticate()'] : i % 4 === 1 ? ['// @RequiredRole("Manager")'] : [],
    props: [
      ['id', 'number'],
      ['from', 'string', '@ApiMember(Description="From when", IsRequired=true)'],
      ['to?', 'string'],
      ['groupBy', 'string', '@DataMember(Name="groupBy")'],
      ['filters', '{ [index:string]: number[]; }'],
    ],
    method: 'POST',
    response: `GetReport${i}Response`,
  });

const typescriptDtos = () =>
  `/* Options:
Date: 2026-12-03 05:00:00
Version: 8.80
Tip: To override a DTO option, remove "//" prefix before updating
BaseUrl: https://bench.example.com

//GlobalNamespace: 
//MakePropertiesOptional: False
//AddServiceStackTypes: True
//AddResponseStatus: False
//AddImplicitVersion: 
//AddDescriptionAsComments: True
//IncludeTypes: 
//ExcludeTypes: 
//DefaultImports: 
*/

// @ts-nocheck

export interface IReturn<T>
{
    createResponse(): T;
}

export interface IReturnVoid
{
    createResponse(): void;
}

` +
  Array.from(
    { length: Math.min(TABLES, 10) },
    (_, i) => `export enum RoomType${i}
{
    Single = 'Single',
    Double = 'Double',
    Queen = 'Queen',
    Twin = 'Twin',
    Suite = 'Suite',
}

`,
  ).join('') +
  Array.from({ length: TABLES }, (_, i) => tsTable(i)).join('') +
  Array.from({ length: PLAIN }, (_, i) => tsPlain(i)).join('');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Preloaded into the CLI: its own CPU time, written last on stderr however it exits. */
const CPU_PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nCPU_US "+(u.user+u.system)+"\\n")})';

/** Wall time of one `ssmock derive` run in ms, as a user waits for it, and the CLI's CPU time. */
const time = (args, cwd) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', CPU_PROBE, CLI, 'derive', ...args], { cwd, encoding: 'utf8' });
  const ms = performance.now() - started;
  const cpuMs = Number(/CPU_US (\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1000;
  return { ms, cpuMs, run: { ...run, stderr: run.stderr.replace(/\nCPU_US \d+\n$/, '') } };
};

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const measure = (label, args, cwd, target) => {
  const times = [];
  const cpu = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const { ms, cpuMs, run } = time(args, cwd);
    times.push(ms);
    cpu.push(cpuMs);
    last = run;
  }
  const ms = median(times);
  const verdict = ms < target ? 'PASS' : 'FAIL';
  console.log(
    `${label}: median ${seconds(ms)} of ${RUNS} runs (min ${seconds(Math.min(...times))}; CPU ${seconds(median(cpu))}), target < ${seconds(target)}: ${verdict}`,
  );
  return { ms, verdict, run: last };
};

// Run, not imported (bench/run.js imports the generator).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ssmock-bench-derive-'));
  try {
    const sources = [
      ['C#', 'dtos.cs', csharpDtos()],
      ['TypeScript', 'dtos.ts', typescriptDtos()],
    ];
    console.log(`load average ${loadavg()[0].toFixed(1)} (${availableParallelism()} cores)`);
    console.log(
      `generated ${OPERATIONS} operations per file (${TABLES} AutoQuery tables x ${CRUD_PER_TABLE} + ${PLAIN} plain) in ${dir}`,
    );
    const verdicts = [];
    for (const [language, name, text] of sources) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const out = path.join(dir, `schemas-${name}`);
      const { ms: firstMs, run: first } = time([file, '--api', 'bench', '--out', out], ROOT);
      const summary = first.stdout.split('\n').find((l) => l.startsWith('bench:')) ?? '';
      const operations = /bench: (\d+) operations/.exec(summary)?.[1];
      if (first.status !== 0 || operations !== String(OPERATIONS)) {
        console.error(`derive of ${name} did not give ${OPERATIONS} operations:\n${first.stdout}${first.stderr}`);
        process.exit(1);
      }
      console.log(`derive, ${OPERATIONS} operations (${language}), first run writing every file: ${seconds(firstMs)}`);
      // The first run wrote every file; these re-derive into the same folder, as `npm run derive` does.
      const args = [file, '--api', 'bench', '--out', out];
      verdicts.push(measure(`derive, ${OPERATIONS} operations (${language})`, args, ROOT, TARGETS.derive).verdict);
    }
    const check = measure('derive --check, committed schemas', ['--check'], ROOT, TARGETS.check);
    if (check.run.status !== 0)
      console.log(`  (the committed schemas are not up to date: ${check.run.stderr.trim().split('\n').at(-1)})`);
    process.exitCode = [...verdicts, check.verdict].every((v) => v === 'PASS') ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
