export interface OffscreenRequest {
  target: 'offscreen';
  type: 'prepare-html';
  html: string;
  baseUrl: string;
}

export function isOffscreenRequest(m: unknown): m is OffscreenRequest {
  const r = m as Partial<OffscreenRequest> | null;
  return !!r && r.target === 'offscreen' && r.type === 'prepare-html' && typeof r.html === 'string' && typeof r.baseUrl === 'string';
}
