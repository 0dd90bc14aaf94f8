/**
 * The built-in prompts of a router study: a few per theme, across the subjects an artist's
 * style gets applied to, so the study shows whether the router treats subjects differently.
 * Plain descriptions without style words: the adapter brings the style.
 */
export const BUILTIN_STUDY_PROMPTS: Readonly<Record<string, readonly string[]>> = {
  portraits: [
    'a portrait of an old fisherman with a grey beard',
    'a young woman with short red hair looking over her shoulder',
    'a child laughing in the rain',
    'a close-up of a man wearing round glasses',
  ],
  landscapes: [
    'a mountain lake at sunrise with pine trees',
    'rolling green hills under a cloudy sky',
    'a desert with tall sand dunes at dusk',
    'a rocky coastline with crashing waves',
  ],
  animals: [
    'a red fox sitting in the snow',
    'an owl perched on a branch at night',
    'a horse running across a meadow',
    'a cat sleeping on a windowsill',
  ],
  objects: [
    'a teapot on a wooden table',
    'an old bicycle leaning against a wall',
    'a pair of worn leather boots',
    'a vase of sunflowers',
  ],
  interiors: [
    'a cozy living room with a fireplace',
    'a library with tall bookshelves',
    'a small kitchen in the morning light',
    'an empty hallway with a checkered floor',
  ],
  architecture: [
    'a gothic cathedral facade',
    'a lighthouse on a cliff',
    'a narrow street of old houses',
    'a modern glass skyscraper',
  ],
  food: [
    'a bowl of ramen with an egg',
    'a stack of pancakes with berries',
    'a basket of fresh bread',
    'a plate of sushi',
  ],
  abstract: [
    'swirling shapes of color',
    'geometric patterns of circles and lines',
    'flowing waves of light',
    'a spiral of overlapping squares',
  ],
};
