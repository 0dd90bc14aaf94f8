import { AdapterFileError } from './errors';
import { FORMAT_NAME } from './format';
import { firstFew } from '../../text/first-few';

/** The adapter file layouts the importer reads. */
export type AdapterFileStyle = 'styleinject' | 'kohya' | 'diffusers';

/** Layouts of other adapter kinds, by a key fragment only they use; recognised to refuse them clearly. */
const UNSUPPORTED_STYLES: { style: string; pattern: RegExp }[] = [
  { style: 'LoHa (LyCORIS Hadamard product)', pattern: /\.hada_w[12]_[ab]$|\.hada_t[12]$/ },
  { style: 'LoKr (LyCORIS Kronecker product)', pattern: /\.lokr_(w[12](_[ab])?|t2)$/ },
  { style: 'LoCon/LoRA with a Tucker core (lora_mid)', pattern: /\.lora_mid\.weight$/ },
  { style: 'DoRA (weight-decomposed LoRA)', pattern: /\.dora_scale$|\.lora_magnitude_vector(\.weight)?$/ },
  { style: '(IA)^3', pattern: /\.on_input$/ },
  { style: 'OFT / BOFT', pattern: /\.oft_(blocks|diag)$|\.boft_/ },
  { style: 'GLoRA', pattern: /\.a1\.weight$|\.b1\.weight$/ },
  { style: 'full weight difference (LyCORIS diff)', pattern: /^lora_(unet|te\d?)_.*\.diff(_b)?$/ },
  { style: 'SDXL (a second text encoder, lora_te2_)', pattern: /^lora_te2_/ },
];

const KOHYA_KEY = /^lora_(unet|te\d?)_[^.]+\.(lora_down\.weight|lora_up\.weight|alpha)$/;
const DIFFUSERS_KEY = /(\.lora_[AB]\.weight|\.lora\.(down|up)\.weight|\.lora_linear_layer\.(down|up)\.weight|_lora\.(down|up)\.weight|\.alpha)$/;

/**
 * Sniffs which layout a file's keys use. Our own files say so in their metadata; community
 * files are told apart by key style. Anything else is refused with the style's name and a few
 * of the keys that gave it away.
 */
export function detectStyle(path: string, keys: readonly string[], metadata: Record<string, string>): AdapterFileStyle {
  if (metadata.format === FORMAT_NAME) return 'styleinject';
  if (keys.length === 0) throw new AdapterFileError(path, undefined, 'holds no tensors');
  for (const { style, pattern } of UNSUPPORTED_STYLES) {
    const examples = keys.filter((k) => pattern.test(k));
    if (examples.length > 0) throw new AdapterFileError(path, undefined, `not supported: ${style} (keys like ${firstFew(examples, 3)})`);
  }
  if (keys.every((k) => KOHYA_KEY.test(k))) return 'kohya';
  if (keys.every((k) => DIFFUSERS_KEY.test(k))) return 'diffusers';
  const known = (k: string) => KOHYA_KEY.test(k) || DIFFUSERS_KEY.test(k);
  const strange = keys.filter((k) => !known(k));
  if (strange.length < keys.length) {
    throw new AdapterFileError(path, strange[0], `not supported: keys outside the kohya and diffusers LoRA layouts (${firstFew(strange, 3)})`);
  }
  throw new AdapterFileError(path, undefined, `not supported: not a LoRA file in kohya or diffusers/PEFT layout (keys like ${firstFew(keys, 3)})`);
}
