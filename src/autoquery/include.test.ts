import { metaKey, parseCommands, planInclude } from './include.js';

describe('parseCommands (StringUtils.ParseCommands)', () => {
  it.each<[string, ReturnType<typeof parseCommands>]>([
    ['Total', [{ name: 'Total', args: [] }]],
    ['COUNT(*)', [{ name: 'COUNT', args: ['*'] }]],
    ['COUNT(DISTINCT LivingStatus)', [{ name: 'COUNT', args: ['DISTINCT LivingStatus'] }]],
    ['Min( Age ) minAge', [{ name: 'Min', args: ['Age'], alias: 'minAge' }]],
    ['COUNT(*) as total1', [{ name: 'COUNT', args: ['*'], alias: 'total1' }]],
    ['COUNT(*) assets', [{ name: 'COUNT', args: ['*'], alias: 'assets' }]],
    [
      "Total, Baz(1,'a,b'), Sum(Id)",
      [
        { name: 'Total', args: [] },
        { name: 'Baz', args: ['1', "'a,b'"] },
        { name: 'Sum', args: ['Id'] },
      ],
    ],
    ['', []],
    [' , ', []],
  ])('%j', (text, expected) => {
    expect(parseCommands(text)).toEqual(expected);
  });
});

describe('planInclude (AutoQuery.ResponseFilter)', () => {
  it.each<[string, boolean, boolean, string[]]>([
    ['Total', true, true, ['COUNT(*)']],
    ['total', true, true, ['COUNT(*)']],
    ['COUNT', true, false, ['COUNT(*)']],
    ['Count(*)', true, false, ['Count(*)']],
    ['COUNT(Id)', false, false, ['COUNT(Id)']],
    ['Min(Age) m, Foo(1), Total', true, true, ['m', 'COUNT(*)']],
    ['Foo', false, false, []],
  ])('%s → total requested %s, Total written %s, meta keys %j', (include, totalRequested, totalCommand, keys) => {
    const plan = planInclude(include);
    expect(plan.totalRequested).toBe(totalRequested);
    expect(plan.totalCommand).toBe(totalCommand);
    expect(plan.aggregates.map(metaKey)).toEqual(keys);
  });
});
