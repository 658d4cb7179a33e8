import type { SeededNoise } from './demo-data/random';

/** A small generated picture for a demo post or profile, so the demo needs no image CDN. */
export function demoImageSvg(
  noise: SeededNoise,
  key: string,
  palette: [string, string],
  label: string,
): string {
  const hue = Math.floor(noise.unit(key, 'hue') * 360);
  const circles = Array.from({ length: 5 }, (_, i) => {
    const x = Math.round(noise.between(10, 310, key, 'x', i));
    const y = Math.round(noise.between(10, 310, key, 'y', i));
    const r = Math.round(noise.between(20, 110, key, 'r', i));
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="hsl(${(hue + i * 37) % 360} 70% 60%)" fill-opacity="0.55"/>`;
  }).join('');
  const text = label.replace(/[<>&"]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320"><rect width="320" height="320" fill="${palette[0]}"/>${circles}<text x="160" y="300" font-family="sans-serif" font-size="18" text-anchor="middle" fill="${palette[1]}">${text}</text></svg>`;
}
