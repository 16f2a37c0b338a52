//! A private, real Secret Service for one test: its own D-Bus session bus and its own GNOME
//! Keyring daemon, in a throwaway home, so tests never touch the developer's keychain and can
//! run side by side. Needs `dbus-daemon` and `gnome-keyring-daemon` (scripts/lib/prereqs.sh).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A D-Bus address nobody listens on: what tests give the CLI when it must have no keychain.
pub const NO_BUS: &str = "unix:path=/nonexistent/octoscope-test-bus";

pub struct PrivateKeychain {
    pub bus_address: String,
    processes: Vec<Child>,
    _home: tempfile::TempDir,
}

impl PrivateKeychain {
    /// A keychain unlocked and ready, as in a logged-in desktop session.
    pub fn unlocked() -> PrivateKeychain {
        Self::start(true)
    }

    /// A keychain whose daemon runs but was never unlocked, and has no one to ask for the
    /// password.
    pub fn locked() -> PrivateKeychain {
        Self::start(false)
    }

    fn start(unlock: bool) -> PrivateKeychain {
        let home = tempfile::tempdir().expect("temp home");
        let root = home.path();
        let run_dir = root.join("run");
        std::fs::create_dir_all(&run_dir).expect("runtime dir");
        let socket = run_dir.join("bus");
        let bus_address = format!("unix:path={}", socket.display());
        let env = |command: &mut Command| {
            command
                .env("HOME", root)
                .env("XDG_RUNTIME_DIR", &run_dir)
                .env("XDG_DATA_HOME", root.join("data"))
                .env("XDG_CACHE_HOME", root.join("cache"))
                .env("XDG_CONFIG_HOME", root.join("config"))
                .env("DBUS_SESSION_BUS_ADDRESS", &bus_address)
                .env_remove("DISPLAY")
                .stdout(Stdio::null())
                .stderr(Stdio::null());
        };
        let mut bus = Command::new("dbus-daemon");
        bus.args(["--session", "--nofork", "--nopidfile"]).arg(format!("--address={bus_address}"));
        env(&mut bus);
        let bus = bus.spawn().expect("start dbus-daemon (apt install dbus-daemon)");
        wait_for(&socket);

        let mut keyring = Command::new("gnome-keyring-daemon");
        keyring.args(["--foreground", "--components=secrets"]);
        if unlock {
            keyring.arg("--unlock").stdin(Stdio::piped());
        } else {
            keyring.stdin(Stdio::null());
        }
        env(&mut keyring);
        let mut keyring = keyring.spawn().expect("start gnome-keyring-daemon (apt install gnome-keyring)");
        if unlock {
            use std::io::Write;
            let mut stdin = keyring.stdin.take().expect("keyring stdin");
            stdin.write_all(b"throwaway-test-password").expect("unlock password");
        }
        let chain = PrivateKeychain { bus_address, processes: vec![bus, keyring], _home: home };
        chain.wait_for_secret_service();
        chain
    }

    /// The Secret Service name appears on the bus once the daemon is ready.
    fn wait_for_secret_service(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let output = Command::new("dbus-send")
                .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .output()
                .expect("dbus-send");
            if String::from_utf8_lossy(&output.stdout).contains("boolean true") {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("gnome-keyring-daemon did not register the Secret Service within 10 s");
    }
}

fn wait_for(socket: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !socket.exists() {
        assert!(Instant::now() < deadline, "dbus-daemon did not open {} within 10 s", socket.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for PrivateKeychain {
    fn drop(&mut self) {
        for process in self.processes.iter_mut().rev() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}
