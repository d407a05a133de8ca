import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describeEachDatabase } from './support/each-database';
import { startTestServer, type TestServer } from './support/test-server';

/**
 * Titles a person could type that a spreadsheet would take for a formula: the ASCII signs, their
 * full-width forms (which some locales' spreadsheets read as the same signs) and `|` (DDE). (A
 * leading tab or CR is neutralised too, but titles are trimmed, so none can start with one.)
 */
const FORMULA_STARTS = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '|'];
const titleStartingWith = (sign: string) => `${sign}HYPERLINK("http://example.invalid","klik ${FORMULA_STARTS.indexOf(sign)}")`;
/** Text that only contains such a sign further on is left alone. */
const HARMLESS = 'Kerja sama = budaya | pariwisata';

describeEachDatabase('report downloads keep formula-like text as text', (dialect) => {
  let t: TestServer;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestServer(dialect, 'report-formula');
    viewer = await t.login('viewer@jalin.local');
    const officer = await t.login('officer@jalin.local');
    // A partner city in a country of its own, so that the downloads filtered on it hold only these agreements.
    const city = await t.gql<{ createPartnerCity: { id: string } }>(
      'mutation { createPartnerCity(input: { name: "Reykjavík", region: "Höfuðborgarsvæðið", countryCode: "IS", level: CITY }) { id } }',
      {},
      officer,
    );
    expect(city.errors).toBeUndefined();
    for (const title of [...FORMULA_STARTS.map(titleStartingWith), HARMLESS]) {
      const created = await t.gql(
        'mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }',
        { input: { title, kind: SISTER_CITY_KIND, partnerCityId: city.data!.createPartnerCity.id, fields: ['CULTURE'], scope: 'Festivals' } },
        officer,
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(() => t?.close());

  const download = async (file: 'csv' | 'xlsx') => {
    const response = await fetch(`${t.url.replace(/\/graphql$/, '')}/reports/cooperation.${file}?countryCodes=IS`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it('CSV: a title that starts like a formula (ASCII or full-width sign, |) gets a leading apostrophe; others stay as typed', async () => {
    const records = parse(await download('csv'), { bom: true, columns: true, skip_empty_lines: true }) as { title: string }[];
    const titles = records.map((r) => r.title).sort();
    const expected = [...FORMULA_STARTS.map((sign) => `'${titleStartingWith(sign)}`), HARMLESS].sort();
    expect(titles).toEqual(expected);
  });

  it('xlsx: the same titles are plain text cells, as typed, never formulas', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Perjanjian')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const column = headers.indexOf('Judul');
    const titles: string[] = [];
    for (let n = 2; n <= sheet.rowCount; n++) {
      const cell = sheet.getRow(n).getCell(column);
      if (cell.value === null) continue;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeFalsy();
      titles.push(cell.value as string);
    }
    expect(titles.sort()).toEqual([...FORMULA_STARTS.map(titleStartingWith), HARMLESS].sort());
    // No cell of any sheet is a formula.
    book.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });
});

const SISTER_CITY_KIND = 'SISTER_CITY';
