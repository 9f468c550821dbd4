// MakeStreams writes the test streams of package javaser with Java's own
// ObjectOutputStream, the implementation the package must agree with.
//
//	java MakeStreams.java   (JDK 11 or later, from this directory)
import java.io.FileOutputStream;
import java.io.ObjectOutputStream;
import java.util.HashMap;

public class MakeStreams {
    static void write(String name, Object o) throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(name))) {
            out.writeObject(o);
        }
    }

    public static void main(String[] args) throws Exception {
        // What FreeOTP writes: a HashMap of strings.
        HashMap<String, String> strings = new HashMap<>();
        strings.put("masterKey", "{\"mIterations\":1}");
        strings.put("plain", "ascii");
        strings.put("nul\u0000", "caf\u00e9 \u20ac \ud83d\ude00");
        String shared = "the same string object twice";
        strings.put("first", shared);
        strings.put("second", shared);
        write("strings.ser", strings);

        // Other values a SharedPreferences map may hold, a null, and a
        // string longer than 65535 bytes (TC_LONGSTRING).
        HashMap<String, Object> mixed = new HashMap<>();
        mixed.put("int", Integer.valueOf(7));
        mixed.put("bool", Boolean.TRUE);
        mixed.put("null", null);
        mixed.put("long", "x".repeat(70000));
        write("mixed.ser", mixed);

        // An empty map.
        write("empty.ser", new HashMap<String, String>());
    }
}
