"""The run: configuration, rule modules, the engine over files, the cache, fixes, suppression and baselines."""
