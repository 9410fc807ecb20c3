import Foundation
import Testing

/// A copy of the example cohort (with the files it names) in a fresh folder.
private func exampleCopy() throws -> URL {
    let folder = try temporaryFolder()
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars/cohort.yaml"),
                                     to: folder.appendingPathComponent("cohort.yaml"))
    try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("calendars/example"),
                                     to: folder.appendingPathComponent("example"))
    return folder
}

/// One HTTP/1.1 request over a plain loopback socket; the whole answer as text (status line, headers, body).
private func fetch(_ path: String, port: Int, method: String = "GET") throws -> String {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let request = Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { break }
        answer += buffer[0..<count]
    }
    return String(decoding: answer, as: UTF8.self)
}

@Suite struct FeedsCommandTests {
    @Test func issueListRevoke() throws {
        let folder = try exampleCopy()
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        let issued = try AhsctRun(["feeds", "issue", cohort, "--patient", "P-0001", "--format", "json"])
        #expect(issued.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(issued.output.utf8)) as? [String: String])
        #expect(Set(json.keys) == ["kind", "id", "path"])
        #expect(json["kind"] == "patient" && json["id"] == "P-0001")
        let path = try #require(json["path"])
        #expect(path.wholeMatch(of: /\/feeds\/[A-Za-z0-9_-]{43}\.ics/) != nil)
        let secret = String(path.dropFirst(7).dropLast(4))

        let ward = try AhsctRun(["feeds", "issue", cohort, "--ward"])
        #expect(ward.status == 0 && ward.output.hasPrefix("ward: /feeds/"))
        let report = try AhsctRun(["feeds", "issue", cohort, "--report", "--format", "json"])
        #expect(report.output.contains("\"path\":\"/report/") && report.output.contains(".html\""))

        // The registry is owner-only in an owner-only folder and holds no secret.
        let registry = folder.appendingPathComponent(".ahsct/cohort.yaml.feeds.json").path
        #expect(try FileManager.default.attributesOfItem(atPath: registry)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(".ahsct").path)[.posixPermissions] as? Int == 0o700)
        #expect(!(try String(contentsOfFile: registry, encoding: .utf8)).contains(secret))

        let listed = try AhsctRun(["feeds", "list", cohort, "--format", "json"])
        #expect(listed.status == 0 && !listed.output.contains(secret) && !listed.output.contains("sha256"))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["kind"] as? String } == ["patient", "ward", "report"])

        let revoked = try AhsctRun(["feeds", "revoke", cohort, "--ward"])
        #expect(revoked.status == 0)
        let text = try AhsctRun(["feeds", "list", cohort])
        #expect(text.output.contains("ward") && text.output.contains("revoked"))
        #expect(text.output.components(separatedBy: "\n").filter { $0.contains("active") }.count == 2)
        // Revoking what is not active is refused.
        let again = try AhsctRun(["feeds", "revoke", cohort, "--ward"])
        #expect(again.status == 1 && again.errors.contains("no active feed for ward"))
    }

    @Test func refusals() throws {
        let folder = try exampleCopy()
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        let unknown = try AhsctRun(["feeds", "issue", cohort, "--patient", "P-9999"])
        #expect(unknown.status == 1 && unknown.errors.contains("no patient 'P-9999'"))
        let role = try AhsctRun(["feeds", "issue", cohort, "--staff", "surgeons"])
        #expect(role.status == 1 && role.errors.contains("no staff calendar 'surgeons'"))
        let none = try AhsctRun(["feeds", "issue", cohort])
        #expect(none.status == 64)
        let two = try AhsctRun(["feeds", "issue", cohort, "--ward", "--report"])
        #expect(two.status == 64)
        // Revoking before anything was issued: nothing to revoke, said plainly.
        let early = try AhsctRun(["feeds", "revoke", cohort, "--ward"])
        #expect(early.status == 1 && early.errors.contains("no active feed for ward"))
        // Nothing was issued by any of these.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ahsct/cohort.yaml.feeds.json").path))
    }
}

@Suite struct ServeCommandTests {
    @Test func servesAnnouncesItsPortAndStopsOnSIGTERM() throws {
        let folder = try exampleCopy()
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        let issued = try AhsctRun(["feeds", "issue", cohort, "--patient", "P-0002", "--format", "json"])
        let path = try #require((try JSONSerialization.jsonObject(with: Data(issued.output.utf8)) as? [String: String])?["path"])

        let process = Process()
        process.executableURL = AhsctRun.binary
        process.arguments = ["serve", cohort, "--port", "0", "--now", "2026-11-22"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The first line on standard output, exactly `listening on http://127.0.0.1:PORT`.
        var first: [UInt8] = []
        while first.last != 0x0a {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            guard let value = byte.first else { break }
            first.append(value)
        }
        let line = String(decoding: first, as: UTF8.self)
        let match = try #require(line.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)\n/))
        let port = try #require(Int(match.1))
        #expect(port > 0)

        let health = try fetch("/healthz", port: port)
        #expect(health.hasPrefix("HTTP/1.1 200 OK\r\n") && health.contains("\"status\" : \"ok\""))
        let feed = try fetch(path, port: port)
        #expect(feed.hasPrefix("HTTP/1.1 200 OK\r\n") && feed.contains("BEGIN:VCALENDAR\r\n"))
        #expect(feed.contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"))

        // SIGTERM: a graceful stop, exit 0. It takes well under a second; the minute is room for a busy 2-core CI
        // machine under ThreadSanitizer, and only a server that never stops uses it up.
        let stopping = Date()
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning && Date().timeIntervalSince(stopping) < 60 { usleep(20_000) }
        #expect(!process.isRunning)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("GET /feeds/{secret}.ics 200"))
        #expect(!log.contains(String(path.dropFirst(7).dropLast(4))))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let folder = try exampleCopy()
        let cohort = folder.appendingPathComponent("cohort.yaml").path
        #expect(try AhsctRun(["serve", cohort, "--port", "70000"]).status == 64)
        #expect(try AhsctRun(["serve", cohort, "--public-url", "planner.example.nl"]).status == 64)
        #expect(try AhsctRun(["serve", cohort, "--now", "2026-02-30"]).status == 64)
    }
}
