import Foundation
import Testing

@Suite struct UsersCommandTests {
    /// add (password on standard input), list (names and roles, never a hash), passwd, remove; the file is 0600 and
    /// holds no password.
    @Test func addListPasswdRemove() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        let state = folder.appendingPathComponent("state").path
        let add = try AhsctRun(["users", "add", cohort, "--user", "anna", "--role", "coordinator", "--state", state],
                               input: "a good long passphrase\n")
        #expect(add.status == 0, "\(add.errors)")
        #expect(add.output == "added anna (coordinator)\n")
        #expect(try AhsctRun(["users", "add", cohort, "--user", "bert", "--role", "viewer", "--state", state],
                             input: "another passphrase\n").status == 0)
        let list = try AhsctRun(["users", "list", cohort, "--state", state])
        #expect(list.output == "anna  coordinator\nbert  viewer\n")
        let json = try AhsctRun(["users", "list", cohort, "--state", state, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: String]])
        #expect(rows == [["user": "anna", "role": "coordinator"], ["user": "bert", "role": "viewer"]])
        let file = "\(state)/users.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!text.contains("passphrase") && text.contains("$2b$12$"))
        #expect(!list.output.contains("$2b$") && !json.output.contains("$2b$"))
        let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber).intValue
        #expect(mode & 0o777 == 0o600)
        let passwd = try AhsctRun(["users", "passwd", cohort, "--user", "anna", "--state", state], input: "a newer passphrase\n")
        #expect(passwd.status == 0 && passwd.output == "changed the password of anna\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) != text)
        #expect(try AhsctRun(["users", "remove", cohort, "--user", "bert", "--state", state]).output == "removed bert\n")
        #expect(try AhsctRun(["users", "list", cohort, "--state", state]).output == "anna  coordinator\n")
    }

    /// A short password, a taken name, an unknown user and a bad role are refused with nothing written.
    @Test func refusals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        let short = try AhsctRun(["users", "add", cohort, "--user", "anna", "--role", "viewer"], input: "too short\n")
        #expect(short.status == 1)
        #expect(short.errors == "error: a password needs at least 12 characters; a few words you remember make a good one [weak_password]\n")
        let file = folder.appendingPathComponent(".ahsct/users.json").path
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try AhsctRun(["users", "add", cohort, "--user", "anna", "--role", "viewer"], input: "long enough now\n").status == 0)
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let taken = try AhsctRun(["users", "add", cohort, "--user", "anna", "--role", "viewer"], input: "long enough again\n")
        #expect(taken.status == 1 && taken.errors.hasSuffix("[user_exists]\n"))
        let unknown = try AhsctRun(["users", "remove", cohort, "--user", "zoe"])
        #expect(unknown.status == 1 && unknown.errors == "error: no account 'zoe' [unknown_user]\n")
        let role = try AhsctRun(["users", "add", cohort, "--user", "zoe", "--role", "admin"], input: "long enough now\n")
        #expect(role.status == 64)
        let noInput = try AhsctRun(["users", "add", cohort, "--user", "zoe", "--role", "viewer"])
        #expect(noInput.status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
    }
}
