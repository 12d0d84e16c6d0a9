"""Process-wide settings for the tile renderer.

Call configure() once at start-up; everything else reads the module attributes.
"""

OUTPUT_DIR = None
TILE_SIZE = 16
PALETTE = " .:-=+*#%@"
VERBOSE = False


def configure(output_dir, tile_size=16, verbose=False):
    global OUTPUT_DIR, TILE_SIZE, VERBOSE
    OUTPUT_DIR = output_dir
    TILE_SIZE = tile_size
    VERBOSE = verbose
