import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JsonSchema } from '../../schema/json-schema.js';
import type { ValidatorRule } from '../../schema/validator-rules.js';
import { deriveSchemas } from '../index.js';
import type { DtoLanguage, Property } from '../model.js';
import {
  applyPropertyAttributes,
  attributeFromComment,
  readAnnotations,
  readBracketAttributes,
  type Attribute,
} from './attributes.js';
import { tokenize } from './brace-scanner.js';
import { DTO_PARSERS } from './index.js';
import { metadataValidators } from './validate-attributes.js';

/** Attributes in any printed form: C# `[A]`, Java/Kotlin `@A`, or a `// @A` / `# @A` comment. */
const attrs = (text: string): Attribute[] => {
  const t = text.trim();
  const tokens = tokenize(t, 'a.cs', 1).tokens;
  if (t.startsWith('[')) return readBracketAttributes(tokens, 0).attrs;
  if (t.startsWith('//') || t.startsWith('#')) {
    const attr = attributeFromComment(t.replace(/^(\/\/|#)/, ''), 1);
    return attr ? [attr] : [];
  }
  return readAnnotations(tokens, 0).attrs;
};

const prop = (text: string): Property & { warnings: string[] } => {
  const p: Property = { name: 'X', type: { kind: 'primitive', name: 'int' }, nullable: false, required: false };
  const warnings = applyPropertyAttributes(p, attrs(text));
  return { ...p, warnings };
};

describe('declarative validator attributes, in every printed form', () => {
  it.each<[string, ValidatorRule[], boolean]>([
    ['[Validate("GreaterThan(0)")]', [{ validator: 'GreaterThan', args: [0] }], false],
    ['[Validate(Validator="NotEmpty")]', [{ validator: 'NotEmpty' }], true],
    ['[ValidateNotEmpty]', [{ validator: 'NotEmpty' }], true],
    ['[ValidateNotNull]', [{ validator: 'NotNull' }], true],
    ['[ValidateEmail]', [{ validator: 'Email' }], false],
    ['[ValidateCreditCard]', [{ validator: 'CreditCard' }], false],
    ['[ValidateMaximumLength(20)]', [{ validator: 'MaximumLength', args: [20] }], false],
    ['[ValidateMinimumLength(2)]', [{ validator: 'MinimumLength', args: [2] }], false],
    ['[ValidateLength(2, 8)]', [{ validator: 'Length', args: [2, 8] }], false],
    ['[ValidateExactLength(4)]', [{ validator: 'ExactLength', args: [4] }], false],
    ['[ValidateGreaterThan(1)]', [{ validator: 'GreaterThan', args: [1] }], false],
    ['[ValidateGreaterThanOrEqual(1)]', [{ validator: 'GreaterThanOrEqual', args: [1] }], false],
    ['[ValidateLessThan(9)]', [{ validator: 'LessThan', args: [9] }], false],
    ['[ValidateLessThanOrEqual(9)]', [{ validator: 'LessThanOrEqual', args: [9] }], false],
    ['[ValidateInclusiveBetween(1, 10)]', [{ validator: 'InclusiveBetween', args: [1, 10] }], false],
    ['[ValidateExclusiveBetween(1, 10)]', [{ validator: 'ExclusiveBetween', args: [1, 10] }], false],
    ['[ValidateScalePrecision(2, 5)]', [{ validator: 'ScalePrecision', args: [2, 5] }], false],
    ['[ValidateRegularExpression("^[A-Z]{3}$")]', [{ validator: 'RegularExpression', args: ['^[A-Z]{3}$'] }], false],
    ['[ValidateEqual("yes")]', [{ validator: 'Equal', args: ['yes'] }], false],
    ['[ValidateNotEqual(0)]', [{ validator: 'NotEqual', args: [0] }], false],
    ['[ValidateEmpty]', [{ validator: 'Empty' }], false],
    ['[ValidateNull]', [{ validator: 'Null' }], false],
    [
      '[Validate("InclusiveBetween(1,10)", ErrorCode="OutOfRange", Message="{PropertyName} is off")]',
      [{ validator: 'InclusiveBetween', args: [1, 10], errorCode: 'OutOfRange', message: '{PropertyName} is off' }],
      false,
    ],
    ['@Validate(Validator="GreaterThan(0)")', [{ validator: 'GreaterThan', args: [0] }], false],
    ['@field:Validate(Validator="MaximumLength(20)")', [{ validator: 'MaximumLength', args: [20] }], false],
    ['// @Validate(Validator="NotEmpty")', [{ validator: 'NotEmpty' }], true],
    [
      '# @Validate(Validator="RegularExpression(′^\\d+$′)")',
      [{ validator: 'RegularExpression', args: ['^\\d+$'] }],
      false,
    ],
    [
      '[Validate("[NotNull, Length(1,10)]")]',
      [{ validator: 'NotNull' }, { validator: 'Length', args: [1, 10] }],
      false,
    ],
  ])('%s', (text, validators, required) => {
    expect(prop(text)).toMatchObject({ validators, required, warnings: [] });
  });

  it.each([
    ['[Required]', true],
    ['[ApiMember(IsRequired=true)]', true],
    ['[ValidateIsAuthenticated]', false],
  ])('%s declares no validator (required: %s is documentation only)', (text, required) => {
    const p = prop(text);
    expect(p.validators).toBeUndefined();
    expect(p.required).toBe(required);
  });

  it('warns about what it cannot enforce, and keeps the rest', () => {
    const p = prop('[Validate(Condition="it.IsOdd()")]');
    expect(p.validators).toBeUndefined();
    expect(p.warnings).toEqual([expect.stringMatching(/#Script expression .*it\.IsOdd\(\)/)]);
    expect(prop('[Validate("IsOdd")]').warnings).toEqual([expect.stringMatching(/unsupported validator IsOdd/)]);
  });

  it('reads /types/metadata attributes', () => {
    expect(
      metadataValidators([
        { name: 'Validate', args: [{ name: 'Validator', type: 'String', value: 'GreaterThan(0)' }] },
        {
          name: 'Validate',
          args: [
            { name: 'Validator', type: 'String', value: 'Email' },
            { name: 'ErrorCode', type: 'String', value: 'Bad' },
          ],
        },
        { name: 'ValidateMaximumLength', constructorArgs: [{ name: 'max', type: 'Int32', value: '20' }] },
        { name: 'ApiMember', args: [{ name: 'IsRequired', type: 'Boolean', value: 'true' }] },
      ]),
    ).toEqual({
      rules: [
        { validator: 'GreaterThan', args: [0] },
        { validator: 'Email', errorCode: 'Bad' },
        { validator: 'MaximumLength', args: [20] },
      ],
      warnings: [],
    });
  });
});

/** The same operation as each generator prints it. */
const SOURCES: [DtoLanguage, string][] = [
  [
    'csharp',
    `namespace Shop
{
    [Route("/rooms", "POST")]
    public partial class CreateRoom : IReturn<CreateRoomResponse>, IPost
    {
        [Validate("GreaterThan(0)")]
        public virtual int LengthMetres { get; set; }
        [ValidateNotEmpty]
        [ValidateMaximumLength(20)]
        public virtual string Name { get; set; }
    }
}`,
  ],
  [
    'typescript',
    `// @Route("/rooms", "POST")
export class CreateRoom implements IReturn<CreateRoomResponse>, IPost
{
    // @Validate(Validator="GreaterThan(0)")
    public lengthMetres: number;

    // @Validate(Validator="NotEmpty")
    // @Validate(Validator="MaximumLength(20)")
    public name: string;
}`,
  ],
  [
    'kotlin',
    `@Route(Path="/rooms", Verbs="POST")
open class CreateRoom : IReturn<CreateRoomResponse>, IPost
{
    @Validate(Validator="GreaterThan(0)")
    open var lengthMetres:Int? = null

    @Validate(Validator="NotEmpty")
    @Validate(Validator="MaximumLength(20)")
    open var name:String? = null
}`,
  ],
  [
    'python',
    `# @Route("/rooms", "POST")
@dataclass_json(letter_case=LetterCase.CAMEL, undefined=Undefined.EXCLUDE)
@dataclass
class CreateRoom(IReturn[CreateRoomResponse], IPost):
    # @Validate(Validator="GreaterThan(0)")
    length_metres: int = 0

    # @Validate(Validator="NotEmpty")
    # @Validate(Validator="MaximumLength(20)")
    name: Optional[str] = None
`,
  ],
  [
    'java',
    `public class dtos
{
    @Route(Path="/rooms", Verbs="POST")
    public static class CreateRoom implements IReturn<CreateRoomResponse>, IPost
    {
        @Validate(Validator="GreaterThan(0)")
        public Integer lengthMetres = null;

        @Validate(Validator="NotEmpty")
        @Validate(Validator="MaximumLength(20)")
        public String name = null;
    }
}`,
  ],
  [
    'swift',
    `// @Route("/rooms", "POST")
public class CreateRoom : IReturn, IPost, Codable
{
    public typealias Return = CreateRoomResponse

    // @Validate(Validator="GreaterThan(0)")
    public var lengthMetres:Int?

    // @Validate(Validator="NotEmpty")
    // @Validate(Validator="MaximumLength(20)")
    public var name:String?

    required public init(){}
}`,
  ],
  [
    'dart',
    `// @Route("/rooms", "POST")
class CreateRoom implements IReturn<CreateRoomResponse>, IConvertible, IPost
{
    // @Validate(Validator="GreaterThan(0)")
    int? lengthMetres;

    // @Validate(Validator="NotEmpty")
    // @Validate(Validator="MaximumLength(20)")
    String? name;

    CreateRoom({this.lengthMetres,this.name});
}`,
  ],
  [
    'fsharp',
    `namespace Shop

open System
open ServiceStack

    [<Route("/rooms", "POST")>]
    [<AllowNullLiteral>]
    type CreateRoom() = 
        interface IReturn<CreateRoomResponse>
        [<Validate(Validator="GreaterThan(0)")>]
        member val LengthMetres:Int32 = new Int32() with get,set
        [<Validate(Validator="NotEmpty")>]
        [<Validate(Validator="MaximumLength(20)")>]
        member val Name:String = null with get,set
`,
  ],
  [
    'vbnet',
    `Namespace Global
    Namespace Shop
        <Route("/rooms", "POST")>
        Public Partial Class CreateRoom
            Implements IReturn(Of CreateRoomResponse)
            <Validate(Validator:="GreaterThan(0)")>
            Public Overridable Property LengthMetres As Integer
            <Validate(Validator:="NotEmpty")>
            <Validate(Validator:="MaximumLength(20)")>
            Public Overridable Property Name As String
        End Class
    End Namespace
End Namespace
`,
  ],
];

describe.each(SOURCES)('%s DTOs', (lang, source) => {
  it('carry each property’s validators into the IR', () => {
    const { types } = DTO_PARSERS[lang](source, `dtos.${lang}`, 1);
    const room = types.find((t) => t.name === 'CreateRoom');
    const byName = Object.fromEntries((room?.properties ?? []).map((p) => [p.name, p]));
    expect(byName['LengthMetres']?.validators).toEqual([{ validator: 'GreaterThan', args: [0] }]);
    expect(byName['Name']).toMatchObject({
      validators: [{ validator: 'NotEmpty' }, { validator: 'MaximumLength', args: [20] }],
      required: true,
    });
  });
});

describe('a validator ssmock cannot enforce', () => {
  it.each<[DtoLanguage, string]>([
    [
      'csharp',
      `public partial class CreateRoom : IReturn<CreateRoomResponse>
{
    [Validate(Condition="it > 0")]
    public virtual int LengthMetres { get; set; }
}`,
    ],
    [
      'typescript',
      `export class CreateRoom implements IReturn<CreateRoomResponse>
{
    // @Validate(Validator="IsOdd")
    public lengthMetres: number;
}`,
    ],
    [
      'python',
      `@dataclass
class CreateRoom(IReturn[CreateRoomResponse]):
    # @Validate(Validator="IsOdd")
    length_metres: int = 0
`,
    ],
  ])('is a warning at its line in %s', (lang, source) => {
    const { types, diagnostics } = DTO_PARSERS[lang](source, 'dtos', 1);
    expect(types[0]?.properties[0]?.validators).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 4,
        message: expect.stringMatching(/^ignored validator on LengthMetres: /) as string,
      }),
    ]);
  });
});

describe('derived schemas', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ssmock-validators-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const derive = (file: string, text: string): JsonSchema => {
    const input = path.join(dir, file);
    writeFileSync(input, text);
    const out = path.join(dir, 'out');
    const result = deriveSchemas({ inputs: [input], out, api: 'shop' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return JSON.parse(readFileSync(path.join(out, 'shop', 'types', 'CreateRoom.json'), 'utf8')) as JsonSchema;
  };

  const EXPECTED = {
    lengthMetres: {
      type: 'integer',
      exclusiveMinimum: 0,
      'x-validate': [{ validator: 'GreaterThan', args: [0] }],
    },
    name: {
      type: 'string',
      maxLength: 20,
      'x-validate': [{ validator: 'NotEmpty' }, { validator: 'MaximumLength', args: [20] }],
    },
  };

  it('from a C# DTO file: x-validate plus the standard keywords that say the same', () => {
    const schema = derive('dtos.cs', (SOURCES[0] as [string, string])[1]);
    expect(schema.properties).toMatchObject(EXPECTED);
    // NotEmpty is documented as required, as ServiceStack's metadata says; the pipeline enforces x-validate.
    expect(schema.required).toEqual(['name']);
  });

  it('from /types/metadata JSON', () => {
    const validate = (value: string) => ({ name: 'Validate', args: [{ name: 'Validator', type: 'String', value }] });
    const metadata = {
      config: { baseUrl: 'https://shop.example' },
      namespaces: [],
      operations: [
        {
          request: {
            name: 'CreateRoom',
            namespace: 'Shop',
            implements: [{ name: 'IPost' }],
            properties: [
              { name: 'LengthMetres', type: 'Int32', isValueType: true, attributes: [validate('GreaterThan(0)')] },
              {
                name: 'Name',
                type: 'String',
                isRequired: true,
                attributes: [validate('NotEmpty'), validate('MaximumLength(20)')],
              },
            ],
          },
          routes: [{ path: '/rooms', verbs: 'POST' }],
        },
      ],
      types: [],
    };
    const schema = derive('metadata.json', JSON.stringify(metadata));
    expect(schema.properties).toMatchObject(EXPECTED);
  });

  it('leaves a .NET-only pattern to x-validate (ajv could not compile it)', () => {
    const schema = derive(
      'dtos.cs',
      `namespace Shop
{
    public partial class CreateRoom : IReturn<CreateRoomResponse>
    {
        [ValidateRegularExpression("(?<year>\\\\d{4})(?#comment)")]
        public virtual string Code { get; set; }
    }
}`,
    );
    const code = schema.properties?.['code'] as Record<string, unknown>;
    expect(code['pattern']).toBeUndefined();
    expect(code['x-validate']).toEqual([{ validator: 'RegularExpression', args: ['(?<year>\\d{4})(?#comment)'] }]);
  });
});
