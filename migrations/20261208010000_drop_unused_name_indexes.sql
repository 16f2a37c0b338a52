-- No query looks accounts up by login or repositories by their current name: names are
-- resolved through `repository_names` (every name a repository had, with its own NOCASE index),
-- and accounts and repositories are read by id. These two indexes were kept up to date for
-- nothing: inserting a busy hour's 90,000 accounts and 60,000 repositories at random places in
-- them, with case-folding comparisons, took about 45 ms of its serial commit (docs/benchmarks.md).
DROP INDEX IF EXISTS actors_by_login;
DROP INDEX IF EXISTS repositories_by_name;
