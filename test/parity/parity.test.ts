import { goldenDir } from './golden';
import { paritySuite } from './suite';

// GOLDEN_DIR names another reference set in the same format (default ../shared/golden).
paritySuite(goldenDir());
