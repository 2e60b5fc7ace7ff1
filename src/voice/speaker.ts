// TEMPORARY stand-in until the voice layer lands.
export interface Speaker { engine: string; leadMs: number; say(text: string, o: { due: number; kind: 'count' | 'sentence' }): void; hush(): void; close(): Promise<void>; closeSync(): void }
export async function createSpeaker(_o: { enabled: boolean; voice?: string; rate?: number; trace?: (e: Record<string, unknown>) => void; notice?: (m: string) => void }): Promise<Speaker> {
  return { engine: 'none', leadMs: 0, say() {}, hush() {}, async close() {}, closeSync() {} };
}
