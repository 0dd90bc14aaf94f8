import { SafetensorsReader } from '../safetensors';

/** Opens each file once even when several components live in it, and closes them all at the end. */
export class ReaderPool {
  private readonly readers = new Map<string, Promise<SafetensorsReader>>();

  open(file: string): Promise<SafetensorsReader> {
    let reader = this.readers.get(file);
    if (!reader) {
      reader = SafetensorsReader.open(file);
      this.readers.set(file, reader);
    }
    return reader;
  }

  async closeAll(): Promise<void> {
    const opened = await Promise.allSettled(this.readers.values());
    this.readers.clear();
    await Promise.all(opened.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
  }
}
