// Typed usage of the package, checked by tsc (tests/types.test.mjs). It must compile, and each
// `@ts-expect-error` line must be an error: the types are precise enough to catch those mistakes.
import init, {
  parse,
  validate,
  cells,
  validateSeries,
  version,
  type Report,
  type Diagnostic,
  type TidyCell,
  type ParseOptions,
  type OgiReportError,
  type Code,
  type NumberValue,
} from '../pkg-web/ogi_report.js';

export async function demo(bytes: Uint8Array, text: string): Promise<string[]> {
  await init();
  const options: ParseOptions = { prose: 'clean', encoding: 'gbk', html: false, maxInputBytes: 1 << 20 };
  const report: Report = parse(bytes, options);
  const again: Report = parse(text);
  const year: number | null | undefined = report.meta.year;
  const template: '2019' | '2021' | null | undefined = report.meta.template;
  const table3 = report.applications;
  const total: NumberValue | null | undefined = table3?.rows[0]?.cells[0]?.value;
  const problems: Diagnostic[] = validate(report);
  const codes: Code[] = problems.map((d) => d.code);
  const failing = problems.filter((d) => d.severity === 'error').flatMap((d) => d.cells ?? []);
  const tidy: TidyCell[] = cells(again);
  const rows: string[] = tidy.filter((c) => c.table === 3).map((c) => `${c.row}/${c.column}=${c.value}`);
  const series: Diagnostic[] = validateSeries([report, again]);
  try {
    parse(text, { prose: 'simplified' });
  } catch (e) {
    const err = e as OgiReportError;
    rows.push(err.diagnostic.code, err.diagnostic.message);
  }
  // @ts-expect-error: prose is one of three literals
  parse(text, { prose: 'traditional' });
  // @ts-expect-error: options are camelCase
  parse(text, { max_input_bytes: 3 });
  // @ts-expect-error: numbers are not input
  parse(42);
  // @ts-expect-error: severity is a closed set
  const s: Diagnostic['severity'] = 'fatal';
  return [
    version(), String(year), String(template), String(total), ...codes, ...rows,
    String(failing.length), String(series.length), String(s),
  ];
}
