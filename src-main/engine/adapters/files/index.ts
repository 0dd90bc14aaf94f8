export { AdapterFileError } from './errors';
export { FORMAT_NAME, FORMAT_VERSION } from './format';
export { saveAdapter, type SaveAdapterOptions } from './save-adapter';
export { loadAdapter } from './load-adapter';
export { importAdapter } from './import-adapter';
export { detectStyle, type AdapterFileStyle } from './detect-style';
export { exportKohya, type ExportKohyaOptions } from './export-kohya';
export { kohyaName, kohyaNameMap, KOHYA_PREFIXES } from './kohya-names';
export { inspectAdapterFile, type AdapterFileSummary } from './inspect-adapter';
