// minConfidence=medium reaches the audit: the same sources as cross-file-race, whose default floor
// (high) reports only the write (high); here the read racing with it (medium) is logged and in the
// SARIF report too, and the build still fails.
def log = new File(basedir, 'build.log').text
assert log.contains('warning confidence:high [UnguardedSharedWrite]')
assert log.contains('warning confidence:medium [UnguardedSharedRead]')
assert log.contains("Shareguard: findings at or above 'warning'")
assert log.contains('BUILD FAILURE')
def run = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shareguard/shareguard.sarif')).runs[0]
assert run.results*.ruleId.sort() == ['UnguardedSharedRead', 'UnguardedSharedWrite']
true
