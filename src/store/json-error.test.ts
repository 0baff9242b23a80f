import { describeJsonError, jsonErrorOffset } from './json-error.js';

const describe_ = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError(text, error);
  }
  throw new Error('the text parsed');
};

describe('describeJsonError', () => {
  it.each([
    ['{\n  "a": }', "Unexpected token '}' at line 2 column 8"],
    ['{"a":1,\n"b" 2}', 'Unexpected number at line 2 column 5'],
    ['{"a":1', "Expected ',' or '}' after property value at line 1 column 7"],
    ['', 'Unexpected end of JSON input at line 1 column 1'],
    ['[1,]', "Unexpected token ']' at line 1 column 4"],
    ['{"a":"\u0001"}', 'Bad control character in string literal at line 1 column 7'],
    ['{"a": tru}', "Unexpected token '}' at line 1 column 10"],
  ])('locates the error in %j', (text, expected) => {
    expect(describe_(text)).toBe(expected);
  });

  it.each(['{}', '[]', '{"a":[1,-2.5e3,"x\\u00e9\\n",true,false,null,{"b":{}}]}', ' 0 '])(
    'finds nothing wrong in valid JSON %j',
    (text) => {
      expect(jsonErrorOffset(text)).toBeNull();
    },
  );
});
