// Renders the shared 公示's card image, src/assets/share/report.svg → report.png (WeChat's imageUrl takes PNG or
// JPG, shown at 5:4). Run by hand after editing the SVG (`node miniprogram/scripts/share-image.mjs`); the PNG is
// committed, so a build needs neither sharp nor the CJK font this machine renders the text with.
/* global console */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/share');
const info = await sharp(path.join(dir, 'report.svg'), { density: 144 }).resize(500, 400).png({ palette: true, compressionLevel: 9 }).toFile(path.join(dir, 'report.png'));
console.log(`report.png ${info.width}×${info.height}, ${(info.size / 1024).toFixed(1)} KB`);
