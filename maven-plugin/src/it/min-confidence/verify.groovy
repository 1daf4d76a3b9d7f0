// minConfidence=high reaches the audit: the same sources as cross-file-race, whose default floor
// (medium) reports the write (high) and the read (medium); here only the write is logged and in the
// SARIF report, and it still fails the build.
def log = new File(basedir, 'build.log').text
assert log.contains('warning confidence:high [UnguardedSharedWrite]')
assert !log.contains('[UnguardedSharedRead]')
assert log.contains("Shareguard: findings at or above 'warning'")
assert log.contains('BUILD FAILURE')
def run = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/shareguard/shareguard.sarif')).runs[0]
assert run.results*.ruleId == ['UnguardedSharedWrite']
true
